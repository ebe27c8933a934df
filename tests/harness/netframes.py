"""Ethernet frames, well-formed and broken, for test_net.py.

Builders (every length and checksum is computed unless given):

    eth(dst, src, ethertype, payload)
    ipv4(src, dst, proto, payload, ...)         header fields can be forced
    tcp(src, dst, sport, dport, seq, ack, flags, ...)
    udp(src, dst, sport, dport, payload, ...)
    icmp(type, code, rest, payload)
    arp(op, sha, spa, tha, tpa, ...)

malformed(rng, ...) returns a list of (category, frame): truncated
Ethernet, unknown EtherTypes, truncated IPv4 headers, bad IP checksums,
tot_len larger and smaller than the frame, ihl < 5 and too large, other
IP versions in an IPv4 EtherType, fragments, IP options good and bad,
unknown protocols, TCP with bad checksums, bad data offsets and bogus
options, odd flag sets (SYN+FIN, SYN+RST, none, all), UDP with bad
lengths and checksums, garbage for the DHCP client, ICMP garbage, ARP
garbage, oversized frames, random bytes and bit-flipped good frames.

unknown_connection_probes(...) returns TCP segments for connections the
guest does not have, each of which must be answered with a RST (RFC 793,
"Reset Generation"), and what that RST must look like.

pcap_packets(path) reads the frames of a classic pcap file (what QEMU's
-object filter-dump writes), and parse_tcp(frame) takes a TCP/IPv4 frame
apart.
"""
import struct

ETH_P_IP = 0x0800
ETH_P_ARP = 0x0806

FIN, SYN, RST, PSH, ACK, URG = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20


def mac(text):
	return bytes(int(x, 16) for x in text.split(":"))


def ip(text):
	return bytes(int(x) for x in text.split("."))


def ip_text(b):
	return ".".join(str(x) for x in b)


def csum(data):
	"""The Internet checksum (RFC 1071) of data."""
	if len(data) % 2:
		data += b"\0"
	s = sum(struct.unpack(f"!{len(data) // 2}H", data))
	while s >> 16:
		s = (s & 0xffff) + (s >> 16)
	return ~s & 0xffff


def eth(dst, src, ethertype, payload):
	return dst + src + struct.pack("!H", ethertype) + payload


def ipv4(src, dst, proto, payload, ttl=64, ident=1, frag=0x4000, tos=0,
	 options=b"", version=4, ihl=None, tot_len=None, check=None):
	"""An IPv4 packet; frag is the flags+offset word (0x4000: DF)."""
	if ihl is None:
		ihl = 5 + (len(options) + 3) // 4
	options = options + b"\0" * (-len(options) % 4)
	if tot_len is None:
		tot_len = 20 + len(options) + len(payload)
	head = struct.pack("!BBHHHBBH4s4s", (version << 4) | (ihl & 15), tos,
			   tot_len & 0xffff, ident, frag, ttl, proto, 0, src, dst) + options
	if check is None:
		check = csum(head)
	head = head[:10] + struct.pack("!H", check) + head[12:]
	return head + payload


def _pseudo(src, dst, proto, length):
	return src + dst + struct.pack("!BBH", 0, proto, length)


def tcp(src, dst, sport, dport, seq, ack, flags, window=65535, options=b"",
	payload=b"", doff=None, check=None, urg=0):
	if doff is None:
		doff = 5 + (len(options) + 3) // 4
	options = options + b"\0" * (-len(options) % 4)
	seg = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff,
			  (doff & 15) << 4, flags, window, 0, urg) + options + payload
	if check is None:
		check = csum(_pseudo(src, dst, 6, len(seg)) + seg)
	return seg[:16] + struct.pack("!H", check) + seg[18:]


def udp(src, dst, sport, dport, payload, length=None, check=None):
	if length is None:
		length = 8 + len(payload)
	dgram = struct.pack("!HHHH", sport, dport, length & 0xffff, 0) + payload
	if check is None:
		check = csum(_pseudo(src, dst, 17, len(dgram)) + dgram) or 0xffff
	return dgram[:6] + struct.pack("!H", check) + dgram[8:]


def icmp(type_, code, rest=b"\0\0\0\0", payload=b"", check=None):
	msg = struct.pack("!BBH", type_, code, 0) + rest + payload
	if check is None:
		check = csum(msg)
	return msg[:2] + struct.pack("!H", check) + msg[4:]


def arp(op, sha, spa, tha, tpa, hrd=1, pro=ETH_P_IP, hln=6, pln=4):
	return struct.pack("!HHBBH", hrd, pro, hln, pln, op) + sha + spa + tha + tpa


class Addrs:
	"""Who the broken frames claim to be from and to."""
	def __init__(self, guest_mac, peer_mac, src_ip, dst_ip):
		self.gmac, self.pmac = mac(guest_mac), mac(peer_mac)
		self.src, self.dst = ip(src_ip), ip(dst_ip)

	def frame(self, ethertype, payload):
		return eth(self.gmac, self.pmac, ethertype, payload)

	def ip(self, proto, payload, **kw):
		return self.frame(ETH_P_IP, ipv4(self.src, self.dst, proto, payload, **kw))

	def tcp(self, sport, dport, seq, ack, flags, ip_kw=None, **kw):
		return self.ip(6, tcp(self.src, self.dst, sport, dport, seq, ack, flags, **kw),
			       **(ip_kw or {}))

	def udp(self, sport, dport, payload, ip_kw=None, **kw):
		return self.ip(17, udp(self.src, self.dst, sport, dport, payload, **kw),
			       **(ip_kw or {}))


def good_frames(a, rng):
	"""Well-formed frames, the seeds for bit flipping (to closed ports,
	so that they do not start anything)."""
	return [
		a.tcp(rng.randrange(1024, 30000), 9, rng.getrandbits(32), 0, SYN,
		      options=b"\x02\x04\x05\xb4\x01\x03\x03\x07\x04\x02"),
		a.tcp(rng.randrange(1024, 30000), 9, rng.getrandbits(32), rng.getrandbits(32),
		      ACK | PSH, payload=rng.randbytes(40)),
		a.udp(rng.randrange(1024, 30000), 9, rng.randbytes(30)),
		a.ip(1, icmp(8, 0, struct.pack("!HH", 77, 1), rng.randbytes(32))),
		a.frame(ETH_P_ARP, arp(1, a.pmac, a.src, b"\0" * 6, ip("10.0.2.250"))),
	]


def malformed(rng, a):
	"""A list of (category, frame): several thousand broken frames."""
	out = []

	def add(cat, frame):
		out.append((cat, frame))

	def port():
		return rng.randrange(1024, 20000)	# below the probes and host ephemeral ports

	def seq():
		return rng.getrandbits(32)

	valid_tcp = tcp(a.src, a.dst, 5000, 9, 1, 0, SYN)
	valid_udp = udp(a.src, a.dst, 5000, 9, b"hello")

	# Ethernet
	for n in range(0, 14):
		add("eth-truncated", (a.gmac + a.pmac + b"\x08\x00")[:n])
	for t in (0x86dd, 0x8100, 0x88cc, 0x8035, 0x0000, 0x0005, 0x05dc, 0xffff, 0x0801, 0x88a8):
		for _ in range(3):
			add("eth-unknown-type", a.frame(t, rng.randbytes(rng.randrange(0, 200))))
	# IPv4 header
	full = ipv4(a.src, a.dst, 6, valid_tcp)
	for n in range(0, 20):
		add("ip-truncated", a.frame(ETH_P_IP, full[:n]))
	for _ in range(20):
		add("ip-bad-checksum", a.frame(ETH_P_IP, ipv4(a.src, a.dst, 6, valid_tcp,
							     check=rng.randrange(1, 65536))))
	for extra in (1, 2, 20, 100, 1000, 65535 - 60):
		add("ip-totlen-large", a.frame(ETH_P_IP, ipv4(a.src, a.dst, 6, valid_tcp,
							      tot_len=20 + len(valid_tcp) + extra)))
	for tl in (0, 1, 19, 20, 21, 27, 39):
		add("ip-totlen-small", a.frame(ETH_P_IP, ipv4(a.src, a.dst, 6, valid_tcp, tot_len=tl)))
		add("ip-totlen-small", a.frame(ETH_P_IP, ipv4(a.src, a.dst, 17, valid_udp, tot_len=tl)))
	for ihl in range(0, 5):
		add("ip-ihl-small", a.frame(ETH_P_IP, ipv4(a.src, a.dst, 6, valid_tcp, ihl=ihl)))
	for ihl in (6, 10, 15):
		add("ip-ihl-large", a.frame(ETH_P_IP, ipv4(a.src, a.dst, 6, b"\0" * 4, ihl=ihl)))
		add("ip-ihl-large", a.frame(ETH_P_IP, ipv4(a.src, a.dst, 6, valid_tcp, ihl=ihl)))
	for v in (0, 1, 5, 6, 7, 15):
		add("ip-version", a.frame(ETH_P_IP, ipv4(a.src, a.dst, 6, valid_tcp, version=v)))
	# IPv6 packet in an IPv4 EtherType: version 6 and a 40-byte header
	v6 = bytes([0x60, 0, 0, 0]) + struct.pack("!HBB", 20, 6, 64) + b"\xfe\x80" + b"\0" * 30
	add("ip-version", a.frame(ETH_P_IP, v6 + valid_tcp))
	# fragments: first (MF), middle, last, and both halves of one datagram
	for frag in (0x2000, 0x2001, 0x0001, 0x00ff, 0x1fff, 0x3fff, 0x8000 | 0x2000):
		add("ip-fragment", a.ip(6, valid_tcp, frag=frag, ident=rng.getrandbits(16)))
		add("ip-fragment", a.ip(17, valid_udp, frag=frag, ident=rng.getrandbits(16)))
	for _ in range(10):
		ident = rng.getrandbits(16)
		payload = udp(a.src, a.dst, port(), 9, rng.randbytes(64))
		add("ip-fragment", a.ip(17, payload[:32], frag=0x2000, ident=ident,
					 tot_len=20 + 32))
		add("ip-fragment", a.ip(17, payload[32:], frag=4, ident=ident))
	# IP options: valid ones, then bogus lengths
	for opts in (b"\x01\x01\x01\x00", b"\x07\x07\x04" + b"\0" * 4, b"\x94\x04\0\0",
		     b"\x44\x04\x05\x00"):
		add("ip-options", a.ip(6, valid_tcp, options=opts))
	for opts in (b"\x07\x00\x04\x00", b"\x07\x01", b"\x83\x28\x04", b"\x44\xff\x05\x00",
		     b"\x07\x03\x04\x00" * 10, rng.randbytes(40), b"\x02\x02\x02\x02"):
		add("ip-bad-options", a.ip(6, valid_tcp, options=opts[:40]))
	# unknown transport protocols (the guest answers protocol unreachable)
	for proto in (0, 2, 4, 41, 47, 50, 51, 58, 89, 103, 132, 136, 253, 254, 255):
		add("ip-unknown-proto", a.ip(proto, rng.randbytes(rng.randrange(0, 64))))
	# ttl 0, broadcast destination, multicast destination
	add("ip-odd", a.ip(6, valid_tcp, ttl=0))
	add("ip-odd", a.frame(ETH_P_IP, ipv4(a.src, ip("255.255.255.255"), 17, valid_udp)))
	add("ip-odd", a.frame(ETH_P_IP, ipv4(a.src, ip("224.0.0.1"), 17, valid_udp)))
	add("ip-odd", a.frame(ETH_P_IP, ipv4(ip("127.0.0.1"), a.dst, 6, valid_tcp)))
	add("ip-odd", a.frame(ETH_P_IP, ipv4(a.dst, a.dst, 6, valid_tcp)))
	add("ip-odd", a.frame(ETH_P_IP, ipv4(ip("0.0.0.0"), a.dst, 17, valid_udp)))

	# TCP
	for dport in (80, 9, 7100):
		for _ in range(10):
			add("tcp-bad-checksum", a.tcp(port(), dport, seq(), 0, SYN,
						      check=rng.randrange(0, 65536)))
	for doff in range(0, 5):
		add("tcp-bad-doff", a.tcp(port(), 80, seq(), 0, SYN, doff=doff))
		add("tcp-bad-doff", a.tcp(port(), 9, seq(), seq(), ACK, doff=doff))
	for doff in (6, 10, 15):
		add("tcp-bad-doff", a.tcp(port(), 80, seq(), 0, SYN, doff=doff))
		add("tcp-bad-doff", a.tcp(port(), 80, seq(), 0, SYN, doff=doff,
					  payload=rng.randbytes(doff * 2)))
	# truncated TCP headers (with a checksum over what is there)
	for n in range(0, 20):
		add("tcp-truncated", a.ip(6, valid_tcp[:n]))
	bogus_opts = [
		b"\x02\x00", b"\x02\x01", b"\x02\x04", b"\x02\x28\x05\xb4", b"\x02\xff\x05\xb4",
		b"\x03\x00", b"\x03\x03\xc8", b"\x03\x02", b"\x04\x00", b"\x04\x07",
		b"\x05\x00", b"\x05\x03\x00", b"\x05\x0a" + b"\0" * 8, b"\x05\x22" + b"\xff" * 32,
		b"\x08\x00", b"\x08\x05\0\0\0", b"\x08\x0a" + b"\0" * 3, b"\xfe\x00",
		b"\xfe\x02", b"\x1e\x28", b"\x01" * 39 + b"\x02", b"\x00\x02\x04",
		b"\x02\x04\x00\x00", b"\x02\x04\x00\x01", b"\x03\x03\xff",
	]
	for opts in bogus_opts:
		for dport in (80, 9):
			add("tcp-bad-options", a.tcp(port(), dport, seq(), 0, SYN, options=opts))
		add("tcp-bad-options", a.tcp(port(), 80, seq(), seq(), ACK, options=opts))
	for _ in range(40):
		add("tcp-bad-options", a.tcp(port(), rng.choice((80, 9)), seq(), 0, SYN,
					     options=rng.randbytes(rng.randrange(1, 41))))
	for flags in (SYN | FIN, SYN | RST, SYN | FIN | RST | PSH | ACK | URG, 0, FIN, FIN | URG | PSH,
		      RST, URG, 0xc0 | SYN, 0xff):
		for dport in (80, 9, 7100):
			add("tcp-odd-flags", a.tcp(port(), dport, seq(), seq(), flags,
						   payload=rng.randbytes(rng.choice((0, 10)))))
	for _ in range(20):		# data and window probes out of the blue
		add("tcp-unknown-conn", a.tcp(port(), 80, seq(), seq(), ACK | PSH,
					      payload=rng.randbytes(rng.randrange(1, 500))))
		add("tcp-unknown-conn", a.tcp(port(), 80, seq(), seq(), ACK, window=0))
	add("tcp-odd", a.tcp(port(), 0, seq(), 0, SYN))
	add("tcp-odd", a.tcp(0, 80, seq(), 0, SYN))
	add("tcp-odd", a.tcp(port(), 80, seq(), 0, SYN, urg=0xffff))

	# UDP
	for length in (0, 1, 7, 14, 100, 65535):
		add("udp-bad-length", a.udp(port(), 9, b"x" * 6, length=length))
		add("udp-bad-length", a.udp(port(), 68, b"x" * 6, length=length))
	for _ in range(20):
		add("udp-bad-checksum", a.udp(port(), rng.choice((9, 68, 7100)), rng.randbytes(20),
					      check=rng.randrange(1, 65536)))
	for n in range(0, 8):
		add("udp-truncated", a.ip(17, valid_udp[:n]))
	for _ in range(20):		# garbage for the DHCP client
		add("udp-dhcp-garbage", a.udp(67, 68, rng.randbytes(rng.randrange(0, 600))))
	dhcp = bytearray(300)
	dhcp[0] = 2
	dhcp[236:240] = b"\x63\x82\x53\x63"
	for opts in (b"\x35\x01\x05\xff", b"\x35\x00", b"\x35\xff\x05", b"\x01\x04\xff\xff\xff\x00",
		     b"\x03\x00", b"\x33\x04", b"\x36\x01\x0a", b"\x00" * 60, b"\x35"):
		add("udp-dhcp-garbage", a.udp(67, 68, bytes(dhcp[:240]) + opts))
	add("udp-no-checksum", a.udp(port(), 9, b"checksum zero is allowed", check=0))

	# ICMP
	for n in range(0, 8):
		add("icmp-truncated", a.ip(1, icmp(8, 0, b"\0\0\0\0", b"abcd")[:n]))
	for _ in range(10):
		add("icmp-bad-checksum", a.ip(1, icmp(8, 0, b"\0\1\0\1", rng.randbytes(20),
						  check=rng.randrange(0, 65536))))
	for type_ in (0, 3, 4, 5, 11, 12, 13, 14, 15, 17, 18, 30, 42, 255):
		for code in (0, 1, 3, 200):
			add("icmp-garbage", a.ip(1, icmp(type_, code, rng.randbytes(4),
						     rng.randbytes(rng.randrange(0, 64)))))
	# errors that quote a TCP header of a connection that may exist
	quoted = ipv4(a.dst, a.src, 6, tcp(a.dst, a.src, 80, 5000, 1, 1, ACK))[:28]
	for type_, code in ((3, 3), (3, 4), (11, 0), (12, 0), (4, 0)):
		add("icmp-error", a.ip(1, icmp(type_, code, b"\0\0\x05\xdc", quoted)))
		add("icmp-error", a.ip(1, icmp(type_, code, b"\0\0\0\0", quoted[:10])))
	add("icmp-echo", a.ip(1, icmp(8, 0, b"\0\1\0\1", rng.randbytes(1400))))
	add("icmp-echo", a.ip(1, icmp(8, 0, b"\0\1\0\2", b"")))

	# ARP (never claiming an address that is in use)
	other = ip("10.0.2.251")
	for n in range(0, 28):
		add("arp-truncated", a.frame(ETH_P_ARP, arp(1, a.pmac, other, b"\0" * 6, a.dst)[:n]))
	for kw in ({"hrd": 0}, {"hrd": 6}, {"pro": 0x86dd}, {"hln": 0}, {"hln": 255},
		   {"pln": 0}, {"pln": 16}):
		add("arp-bad-header", a.frame(ETH_P_ARP, arp(1, a.pmac, other, b"\0" * 6,
							     a.dst, **kw)))
	for op in (0, 3, 4, 255, 65535):
		add("arp-bad-op", a.frame(ETH_P_ARP, arp(op, a.pmac, other, b"\0" * 6, a.dst)))
	add("arp-odd", a.frame(ETH_P_ARP, arp(1, b"\xff" * 6, ip("0.0.0.0"), b"\0" * 6, a.dst)))
	add("arp-odd", a.frame(ETH_P_ARP, arp(2, b"\0" * 6, ip("255.255.255.255"), a.gmac,
					       a.dst)))
	for _ in range(20):
		add("arp-random", a.frame(ETH_P_ARP, rng.randbytes(rng.randrange(0, 60))))

	# oversized frames
	for n in (1515, 1519, 1600, 4000, 9000, 16384, 65000):
		add("oversized", a.frame(ETH_P_IP, ipv4(a.src, a.dst, 17,
						      udp(a.src, a.dst, port(), 9,
							  rng.randbytes(n - 42)))))

	# random bytes, and good frames with a few bits flipped
	for _ in range(1000):
		add("random", rng.randbytes(rng.randrange(0, 1515)))
	for _ in range(300):
		add("random-ip", a.frame(ETH_P_IP, rng.randbytes(rng.randrange(0, 1500))))
	seeds = good_frames(a, rng)
	for _ in range(2000):
		f = bytearray(rng.choice(seeds))
		for _ in range(rng.randrange(1, 4)):
			i = rng.randrange(14, len(f))
			f[i] ^= 1 << rng.randrange(8)
		if rng.random() < 0.2:
			del f[rng.randrange(14, len(f)):]
		add("bitflip", bytes(f))
	return out


def unknown_connection_probes(a, rng, count=12):
	"""Segments for connections that do not exist, with the RST each must
	get back (RFC 793 3.4 'Reset Generation'): a list of (frame, expect),
	expect a dict with the RST's sport, dport, seq, and ack (None when the
	RST carries no ACK)."""
	probes = []
	for i in range(count):
		sport, s, k = 20000 + i, rng.getrandbits(32), rng.getrandbits(32)
		kind = i % 4
		if kind == 0:	# an ACK to a listening port, no such connection
			f = a.tcp(sport, 80, s, k, ACK)
			want = {"sport": 80, "dport": sport, "seq": k, "ack": None}
		elif kind == 1:	# data with ACK to a closed port
			f = a.tcp(sport, 9, s, k, ACK | PSH, payload=b"x" * 10)
			want = {"sport": 9, "dport": sport, "seq": k, "ack": None}
		elif kind == 2:	# a SYN to a closed port
			f = a.tcp(sport, 9, s, 0, SYN)
			want = {"sport": 9, "dport": sport, "seq": 0, "ack": (s + 1) & 0xffffffff}
		else:		# a FIN without ACK to a closed port
			f = a.tcp(sport, 9, s, 0, FIN)
			want = {"sport": 9, "dport": sport, "seq": 0, "ack": (s + 1) & 0xffffffff}
		probes.append((f, want))
	return probes


def pcap_packets(path):
	"""The frames in a classic pcap file (either byte order), in order."""
	with open(path, "rb") as f:
		data = f.read()
	if len(data) < 24:
		return []
	magic = struct.unpack("<I", data[:4])[0]
	endian = "<" if magic in (0xa1b2c3d4, 0xa1b23c4d) else ">"
	frames, off = [], 24
	while off + 16 <= len(data):
		_, _, incl, _ = struct.unpack(endian + "IIII", data[off:off + 16])
		off += 16
		frames.append(data[off:off + incl])
		off += incl
	return frames


def parse_tcp(frame):
	"""(src ip, dst ip, sport, dport, seq, ack, flags) of a TCP/IPv4
	frame, or None."""
	if len(frame) < 34 or frame[12:14] != b"\x08\x00" or frame[14] >> 4 != 4:
		return None
	ihl = (frame[14] & 15) * 4
	if frame[23] != 6 or len(frame) < 14 + ihl + 20:
		return None
	t = 14 + ihl
	sport, dport, seq, ack, _, flags = struct.unpack("!HHIIBB", frame[t:t + 14])
	return (ip_text(frame[26:30]), ip_text(frame[30:34]), sport, dport, seq, ack, flags)
