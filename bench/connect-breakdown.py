#!/usr/bin/env python3
"""Where the time of a WHIP publish goes, from a packet capture on the loopback interface.

For each publish (a POST /whip/... in the capture), the wire times of: the POST and the 201
answer; the publisher's first ICE check and its nominating check (USE-CANDIDATE); the service's
DTLS ClientHello (the service answers a=setup:active, so it is the DTLS client); the publisher's
first DTLS flight; the service's ChangeCipherSpec flight; the publisher's ChangeCipherSpec flight
(after which the publisher is connected). Prints median, p90, min and max of each step over the
publishes.

    tcpdump -i lo -s 0 -w /tmp/whip.pcap 'tcp port HTTP_PORT or udp port UDP_PORT' &
    ... publish a few dozen times, one after the other (WhipPublishBenchmark, Pion, a browser) ...
    kill %1; bench/connect-breakdown.py /tmp/whip.pcap HTTP_PORT UDP_PORT

Needs tcpdump (Debian package) and Python 3, nothing else. Publishes must not overlap: packets
are given to the publish whose POST came last.
"""
import statistics
import struct
import sys


def packets(path):
    """(time in µs, protocol, source port, destination port, payload) of each IPv4 TCP/UDP packet."""
    with open(path, 'rb') as f:
        header = f.read(24)
        magic = struct.unpack('<I', header[:4])[0]
        if magic not in (0xa1b2c3d4, 0xa1b23c4d):
            sys.exit('not a little-endian pcap file (write it with tcpdump -w)')
        nanos = magic == 0xa1b23c4d
        link = struct.unpack('<I', header[20:24])[0]
        link_header = {1: 14, 113: 16}.get(link, 0)
        while True:
            record = f.read(16)
            if len(record) < 16:
                return
            seconds, fraction, captured, _ = struct.unpack('<IIII', record)
            data = f.read(captured)
            ip = data[link_header:]
            if len(ip) < 20 or ip[0] >> 4 != 4:
                continue
            l4 = ip[(ip[0] & 15) * 4:]
            if len(l4) < 8:
                continue
            at = seconds * 1_000_000 + (fraction // 1000 if nanos else fraction)
            source, destination = struct.unpack('>HH', l4[:4])
            if ip[9] == 17:
                yield at, 'udp', source, destination, l4[8:]
            elif ip[9] == 6 and len(l4) >= 20:
                yield at, 'tcp', source, destination, l4[(l4[12] >> 4) * 4:]


def stun(payload):
    """(message type, set of attribute types) of a STUN message."""
    kind = struct.unpack('>H', payload[:2])[0]
    attributes, i = set(), 20
    while i + 4 <= len(payload):
        attribute, length = struct.unpack('>HH', payload[i:i + 4])
        attributes.add(attribute)
        i += 4 + ((length + 3) & ~3)
    return kind, attributes


def dtls_records(payload):
    """(content type, epoch, handshake type or None) of each record in a DTLS datagram."""
    i = 0
    while i + 13 <= len(payload):
        content, epoch, length = payload[i], struct.unpack('>H', payload[i + 3:i + 5])[0], \
            struct.unpack('>H', payload[i + 11:i + 13])[0]
        handshake = payload[i + 13] if content == 22 and epoch == 0 and i + 13 < len(payload) else None
        yield content, epoch, handshake
        i += 13 + length


USE_CANDIDATE = 0x0025
STEPS = [
    ('POST -> 201 sent (service)', 'post', 'answer'),
    ('201 -> first check (publisher)', 'answer', 'check'),
    ('first check -> nominating check (publisher ICE pacing)', 'check', 'nomination'),
    ('nominating check -> ClientHello (service)', 'nomination', 'client_hello'),
    ('ClientHello -> ServerHello flight (publisher DTLS)', 'client_hello', 'server_hello'),
    ('ServerHello flight -> service CCS flight (service DTLS)', 'server_hello', 'service_ccs'),
    ('service CCS -> publisher CCS flight (publisher DTLS)', 'service_ccs', 'publisher_ccs'),
    ('POST -> publisher CCS flight (publisher connected)', 'post', 'publisher_ccs'),
]


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    path, http_port, udp_port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    publishes, current = [], None
    for at, protocol, source, destination, payload in packets(path):
        if protocol == 'tcp' and destination == http_port and payload.startswith(b'POST /whip'):
            current = {'post': at}
            publishes.append(current)
        elif current is None:
            continue
        elif protocol == 'tcp' and source == http_port and payload.startswith(b'HTTP/1.1 201'):
            current.setdefault('answer', at)
        elif protocol == 'udp' and udp_port in (source, destination) and payload:
            to_service = destination == udp_port
            if payload[0] < 4 and len(payload) >= 20 and to_service:
                kind, attributes = stun(payload)
                if kind == 0x0001:
                    current.setdefault('check', at)
                    if USE_CANDIDATE in attributes:
                        current.setdefault('nomination', at)
            elif 20 <= payload[0] <= 63:
                for content, _, handshake in dtls_records(payload):
                    if not to_service and handshake == 1:
                        current.setdefault('client_hello', at)
                    elif to_service and handshake == 2:
                        current.setdefault('server_hello', at)
                    elif content == 20:
                        current.setdefault('publisher_ccs' if to_service else 'service_ccs', at)
    complete = [p for p in publishes if all(key in p for _, a, b in STEPS for key in (a, b))]
    if not complete:
        sys.exit(f'{len(publishes)} publishes in the capture, none complete')
    print(f'{len(complete)} of {len(publishes)} publishes complete; ms: median, p90, min, max')
    for name, start, end in STEPS:
        values = sorted((p[end] - p[start]) / 1000 for p in complete)
        p90 = values[min(len(values) - 1, int(0.9 * len(values)))]
        print(f'  {name:58s} {statistics.median(values):8.2f} {p90:8.2f} {values[0]:8.2f} {values[-1]:8.2f}')


if __name__ == '__main__':
    main()
