package dev.tributary.webrtc.udp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The local addresses to bind and gather host candidates on: the machine's interface addresses,
 * {@linkplain #select chosen} by an {@link AddressFilter}.
 */
public final class HostAddresses {

    private HostAddresses() {}

    /**
     * One address of one network interface, as the operating system reports it.
     *
     * @param interfaceName the interface name ({@code eth0}, {@code lo})
     * @param up whether the interface is up
     * @param loopback whether the interface is a loopback interface
     * @param address the address
     */
    public record Entry(String interfaceName, boolean up, boolean loopback, InetAddress address) {

        public Entry {
            Objects.requireNonNull(interfaceName, "interfaceName");
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * The addresses to gather on: the filter's explicit addresses if it has any, else
     * {@link #select} over {@link #enumerate()}.
     *
     * @param filter which addresses to keep
     * @return the addresses, possibly empty
     * @throws UdpException if the interfaces cannot be listed
     */
    public static List<InetAddress> gather(AddressFilter filter) {
        return filter.addresses().isEmpty() ? select(enumerate(), filter) : filter.addresses();
    }

    /**
     * @return every address of every interface of this host (or network namespace)
     * @throws UdpException if the interfaces cannot be listed
     */
    public static List<Entry> enumerate() {
        List<Entry> entries = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                boolean up = nif.isUp();
                boolean loopback = nif.isLoopback();
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    entries.add(new Entry(nif.getName(), up, loopback, address));
                }
            }
        } catch (SocketException e) {
            throw new UdpException("cannot list the network interfaces", e);
        }
        return entries;
    }

    /**
     * Applies a filter to interface addresses (see {@link AddressFilter} for the rules). Pure: it
     * looks at nothing but its arguments.
     *
     * @param entries interface addresses, as {@link #enumerate()} gives them
     * @param filter which to keep
     * @return the filter's explicit addresses if it has any; else the qualifying addresses in the
     *     order given, without repeats, the non-loopback ones first, IPv6 ones without a scope
     */
    public static List<InetAddress> select(List<Entry> entries, AddressFilter filter) {
        if (!filter.addresses().isEmpty()) {
            return filter.addresses();
        }
        List<InetAddress> chosen = new ArrayList<>();
        List<InetAddress> loopbacks = new ArrayList<>();
        for (Entry entry : entries) {
            if (!entry.up() || !filter.interfaceAllowed(entry.interfaceName())
                    || !usable(entry.address(), filter.includeIpv6())) {
                continue;
            }
            InetAddress address = withoutScope(entry.address());
            List<InetAddress> into = entry.loopback() || address.isLoopbackAddress() ? loopbacks : chosen;
            if (!into.contains(address)) {
                into.add(address);
            }
        }
        if (filter.includeLoopback() || chosen.isEmpty()) {
            loopbacks.stream().filter(a -> !chosen.contains(a)).forEach(chosen::add);
        }
        return List.copyOf(chosen);
    }

    /**
     * The JDK lists every IPv6 interface address with its interface as scope ({@code fd00::2%eth0}).
     * Only link-local addresses need one, and those are not gathered: without it the address
     * compares equal to the addresses sockets report and goes into SDP as it should.
     */
    private static InetAddress withoutScope(InetAddress address) {
        if (!(address instanceof Inet6Address v6) || (v6.getScopeId() == 0 && v6.getScopedInterface() == null)) {
            return address;
        }
        try {
            return InetAddress.getByAddress(v6.getAddress());
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are an IPv6 address", e);
        }
    }

    private static boolean usable(InetAddress address, boolean includeIpv6) {
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        if (address.isLoopbackAddress()) {
            return address instanceof Inet4Address || includeIpv6;
        }
        if (address instanceof Inet4Address) {
            return !address.isLinkLocalAddress();
        }
        if (!(address instanceof Inet6Address) || !includeIpv6) {
            return false;
        }
        int first = address.getAddress()[0] & 0xFF;
        boolean uniqueLocal = (first & 0xFE) == 0xFC;
        boolean globalUnicast = (first & 0xE0) == 0x20;
        return uniqueLocal || globalUnicast;
    }
}
