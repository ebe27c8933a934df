/*
 * The Internet checksum (RFC 1071): the ones' complement of the ones'
 * complement sum of 16-bit words.  Pure; the TCP unit tests use it too.
 * Linux: arch/x86/lib/csum-partial_64.c, include/net/checksum.h.
 */
#include "net/netstack.h"

u32 csum_partial(const void *buf, unsigned int len, u32 sum)
{
	const u8 *p = buf;
	unsigned long long s = sum;

	while (len > 1) {
		s += (u32)(p[0] << 8 | p[1]);	/* big-endian words */
		p += 2;
		len -= 2;
	}
	if (len)
		s += (u32)p[0] << 8;
	while (s >> 32)
		s = (s & 0xffffffff) + (s >> 32);
	return (u32)s;
}

/* Fold to 16 bits and complement; the result is in network order. */
u16 csum_fold(u32 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((u16)~sum);
}

u16 tcp_udp_check(u32 saddr, u32 daddr, u8 proto, const void *buf, unsigned int len)
{
	u32 sum = 0;

	sum = csum_partial(&saddr, 4, sum);	/* the pseudo header of RFC 793/768 */
	sum = csum_partial(&daddr, 4, sum);
	sum += proto;
	sum += len;
	return csum_fold(csum_partial(buf, len, sum));
}
