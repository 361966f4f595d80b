package dev.tributary.webrtc.udp;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Which local addresses to gather host candidates on; {@link HostAddresses} applies it.
 *
 * <p>By default every address of an interface that is up, except loopback, IPv4 link-local
 * (169.254.0.0/16) and IPv6 addresses that are neither global unicast (2000::/3) nor unique local
 * (fc00::/7). Loopback addresses are added when {@code includeLoopback} is set, and also when no
 * other address qualifies, so that a host or network namespace with only {@code lo} still works.
 *
 * <p>Interface names are matched exactly ({@code eth0} is not {@code eth01}), or as a prefix when
 * the pattern ends with {@code *} ({@code docker*}, {@code veth*}, {@code br-*}). An interface is
 * used when it matches some {@code allowInterfaces} pattern (or that list is empty) and no
 * {@code denyInterfaces} pattern.
 *
 * @param includeLoopback whether loopback addresses are gathered even when others qualify
 * @param includeIpv6 whether IPv6 addresses are gathered at all
 * @param allowInterfaces interface name patterns to use; empty for every interface
 * @param denyInterfaces interface name patterns never to use
 * @param addresses when not empty, exactly these addresses, and no interface is looked at
 */
public record AddressFilter(boolean includeLoopback, boolean includeIpv6, List<String> allowInterfaces,
        List<String> denyInterfaces, List<InetAddress> addresses) {

    /** Every interface, IPv4 and IPv6, loopback only when nothing else is there. */
    public static final AddressFilter DEFAULT = new AddressFilter(false, true, List.of(), List.of(), List.of());

    /**
     * @throws IllegalArgumentException if a pattern is blank or has a {@code *} other than at its
     *     end, or an address is a wildcard or multicast address
     */
    public AddressFilter {
        allowInterfaces = List.copyOf(allowInterfaces);
        denyInterfaces = List.copyOf(denyInterfaces);
        addresses = List.copyOf(addresses);
        allowInterfaces.forEach(AddressFilter::checkPattern);
        denyInterfaces.forEach(AddressFilter::checkPattern);
        for (InetAddress address : addresses) {
            if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
                throw new IllegalArgumentException("not a unicast interface address: " + address.getHostAddress());
            }
        }
    }

    /**
     * @param addresses the addresses to bind, instead of enumerating interfaces
     * @return a filter that gathers exactly these
     * @throws IllegalArgumentException as the constructor
     */
    public static AddressFilter of(InetAddress... addresses) {
        return new AddressFilter(false, true, List.of(), List.of(), List.of(addresses));
    }

    /** @return this filter with {@code includeLoopback} set to the given value */
    public AddressFilter withLoopback(boolean include) {
        return new AddressFilter(include, includeIpv6, allowInterfaces, denyInterfaces, addresses);
    }

    /** @return this filter with {@code includeIpv6} set to the given value */
    public AddressFilter withIpv6(boolean include) {
        return new AddressFilter(includeLoopback, include, allowInterfaces, denyInterfaces, addresses);
    }

    /** @return this filter using only the interfaces that match one of these patterns */
    public AddressFilter allowingInterfaces(String... patterns) {
        return new AddressFilter(includeLoopback, includeIpv6, List.of(patterns), denyInterfaces, addresses);
    }

    /** @return this filter never using the interfaces that match one of these patterns */
    public AddressFilter denyingInterfaces(String... patterns) {
        return new AddressFilter(includeLoopback, includeIpv6, allowInterfaces, List.of(patterns), addresses);
    }

    /** @return whether addresses of the interface with this name may be gathered */
    public boolean interfaceAllowed(String interfaceName) {
        Objects.requireNonNull(interfaceName, "interfaceName");
        return (allowInterfaces.isEmpty() || matchesAny(allowInterfaces, interfaceName))
                && !matchesAny(denyInterfaces, interfaceName);
    }

    private static boolean matchesAny(List<String> patterns, String name) {
        for (String pattern : patterns) {
            boolean match = pattern.endsWith("*")
                    ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                    : name.equals(pattern);
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static void checkPattern(String pattern) {
        if (pattern.isBlank() || pattern.equals("*") || pattern.indexOf('*') != pattern.lastIndexOf('*')
                || (pattern.indexOf('*') >= 0 && !pattern.endsWith("*"))) {
            throw new IllegalArgumentException("interface pattern must be a name or a prefix ending in *: '" + pattern + "'");
        }
    }
}
