package dev.tributary.webrtc.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.webrtc.udp.HostAddresses.Entry;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostAddressesTest {

    private static final List<Entry> HOST = List.of(
            up("lo", true, "127.0.0.1"),
            up("lo", true, "::1"),
            up("eth0", false, "192.0.2.2"),
            up("eth0", false, "fe80::fc:ff:fe00:1"),
            up("eth0", false, "2001:db8::2"),
            up("eth0", false, "fd00::2"),
            up("eth0", false, "fec0::2"),
            up("eth0", false, "169.254.10.1"),
            up("docker0", false, "172.17.0.1"),
            up("veth12ab", false, "fd01::1"),
            up("eth1", false, "198.51.100.7"),
            up("eth10", false, "203.0.113.9"),
            new Entry("wlan0", false, false, address("10.0.0.5")));

    @Test
    void defaultKeepsIpv4AndGlobalOrUniqueLocalIpv6OfInterfacesThatAreUp() {
        assertThat(HostAddresses.select(HOST, AddressFilter.DEFAULT)).containsExactly(
                address("192.0.2.2"), address("2001:db8::2"), address("fd00::2"), address("172.17.0.1"),
                address("fd01::1"), address("198.51.100.7"), address("203.0.113.9"));
    }

    @Test
    void loopbackOnlyWhenAskedForOrNothingElseQualifies() {
        assertThat(HostAddresses.select(HOST, AddressFilter.DEFAULT.withLoopback(true)))
                .hasSize(9)
                .endsWith(address("127.0.0.1"), address("::1"));

        List<Entry> namespace = List.of(up("lo", true, "127.0.0.1"));
        assertThat(HostAddresses.select(namespace, AddressFilter.DEFAULT)).containsExactly(address("127.0.0.1"));

        // Only link-local beside loopback: still loopback, which is all that can be reached.
        List<Entry> linkLocalOnly = List.of(
                up("lo", true, "127.0.0.1"), up("eth0", false, "fe80::1"), up("eth0", false, "169.254.1.1"));
        assertThat(HostAddresses.select(linkLocalOnly, AddressFilter.DEFAULT)).containsExactly(address("127.0.0.1"));
    }

    @Test
    void aLoopbackAddressOnAnotherInterfaceCountsAsLoopback() {
        List<Entry> entries = List.of(up("dummy0", false, "127.0.0.2"), up("eth0", false, "192.0.2.2"));
        assertThat(HostAddresses.select(entries, AddressFilter.DEFAULT)).containsExactly(address("192.0.2.2"));
    }

    @Test
    void interfaceDownContributesNothingNotEvenTheLoopbackFallback() {
        List<Entry> entries = List.of(new Entry("lo", false, true, address("127.0.0.1")));
        assertThat(HostAddresses.select(entries, AddressFilter.DEFAULT)).isEmpty();
    }

    @Test
    void denyByExactNameOrPrefix() {
        AddressFilter filter = AddressFilter.DEFAULT.denyingInterfaces("docker*", "veth*", "eth1");
        assertThat(HostAddresses.select(HOST, filter)).containsExactly(
                address("192.0.2.2"), address("2001:db8::2"), address("fd00::2"), address("203.0.113.9"));
    }

    @Test
    void allowListKeepsOnlyMatchingInterfacesAndDenyStillApplies() {
        assertThat(HostAddresses.select(HOST, AddressFilter.DEFAULT.allowingInterfaces("eth1")))
                .containsExactly(address("198.51.100.7"));
        assertThat(HostAddresses.select(HOST, AddressFilter.DEFAULT.allowingInterfaces("eth*").denyingInterfaces("eth0")))
                .containsExactly(address("198.51.100.7"), address("203.0.113.9"));
        // lo is not allowed, so there is no fallback to it either.
        assertThat(HostAddresses.select(HOST, AddressFilter.DEFAULT.allowingInterfaces("wlan0"))).isEmpty();
    }

    @Test
    void ipv6CanBeLeftOutIncludingItsLoopback() {
        assertThat(HostAddresses.select(HOST, AddressFilter.DEFAULT.withIpv6(false).withLoopback(true)))
                .containsExactly(address("192.0.2.2"), address("172.17.0.1"), address("198.51.100.7"),
                        address("203.0.113.9"), address("127.0.0.1"));
    }

    @Test
    void explicitAddressesOverrideEnumeration() {
        AddressFilter filter = AddressFilter.of(address("198.18.0.1"), address("::1"));
        assertThat(HostAddresses.select(HOST, filter)).containsExactly(address("198.18.0.1"), address("::1"));
        assertThat(HostAddresses.select(List.of(), filter)).containsExactly(address("198.18.0.1"), address("::1"));
        assertThat(HostAddresses.gather(filter)).containsExactly(address("198.18.0.1"), address("::1"));
    }

    @Test
    void anAddressOnTwoInterfacesIsGatheredOnce() {
        List<Entry> entries = List.of(up("eth0", false, "192.0.2.2"), up("br0", false, "192.0.2.2"));
        assertThat(HostAddresses.select(entries, AddressFilter.DEFAULT)).containsExactly(address("192.0.2.2"));
    }

    @Test
    void ipv6AddressesLoseTheInterfaceScopeTheJdkListsThemWith() throws UnknownHostException {
        InetAddress scoped = Inet6Address.getByAddress(null, address("fd00::2").getAddress(), 4);
        InetAddress scopedLoopback = Inet6Address.getByAddress(null, address("::1").getAddress(), 1);
        List<Entry> entries = List.of(up("eth0", false, scoped), up("eth0", false, address("fd00::2")),
                up("lo", true, scopedLoopback));
        assertThat(HostAddresses.select(entries, AddressFilter.DEFAULT.withLoopback(true)))
                .containsExactly(address("fd00::2"), address("::1"))
                .allSatisfy(a -> assertThat(((Inet6Address) a).getScopeId()).isZero());
    }

    @Test
    void multicastAndWildcardAreNeverGathered() {
        List<Entry> entries = List.of(up("eth0", false, "224.0.0.1"), up("eth0", false, "ff02::1"),
                up("eth0", false, "0.0.0.0"), up("eth0", false, "::"), up("eth0", false, "192.0.2.2"));
        assertThat(HostAddresses.select(entries, AddressFilter.DEFAULT)).containsExactly(address("192.0.2.2"));
    }

    @Test
    void filterRejectsBadPatternsAndAddresses() {
        for (String pattern : List.of("", " ", "*", "do*ker", "a**", "*eth")) {
            assertThatThrownBy(() -> AddressFilter.DEFAULT.denyingInterfaces(pattern))
                    .as(pattern).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> AddressFilter.of(address("0.0.0.0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressFilter.of(address("239.1.1.1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMachinesOwnInterfacesGiveAtLeastLoopback() {
        List<InetAddress> gathered = HostAddresses.gather(AddressFilter.DEFAULT);
        assertThat(gathered).isNotEmpty().noneMatch(InetAddress::isLinkLocalAddress)
                .noneMatch(InetAddress::isAnyLocalAddress)
                .noneMatch(a -> a instanceof Inet6Address v6 && v6.getScopeId() != 0);
        if (gathered.stream().anyMatch(InetAddress::isLoopbackAddress)) {
            assertThat(gathered).allMatch(InetAddress::isLoopbackAddress);
        }
    }

    private static Entry up(String name, boolean loopback, String address) {
        return up(name, loopback, address(address));
    }

    private static Entry up(String name, boolean loopback, InetAddress address) {
        return new Entry(name, true, loopback, address);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
