// SPDX-License-Identifier: GPL-2.0
/*
 * fs_dump_ram0 - print a file (by default /dev/ram0, the RAM image the
 * root file system lives in) on stdout, base64-encoded, between markers:
 *
 *   --- ram0 begin SIZE
 *   <base64, 76 characters a line (57 bytes), the last line shorter>
 *   --- ram0 end
 *
 *   fs_dump_ram0 [PATH]
 *
 * The whole file is read first (up to end of file; block devices need not
 * report a size), so SIZE is exact.  tests/harness/ram0.py decodes it and
 * checks every line and the size; the harness then runs e2fsck and
 * debugfs on the image.  On failure it prints "--- ram0 error: ..." and
 * exits 1.  The encoder is written here, not taken from a library.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errname.h"

#define LINE_BYTES	57	/* 76 base64 characters */
#define BATCH_LINES	64	/* lines per write() */

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Encode n (1..57) bytes as one line with '\n'; returns its length. */
static size_t encode_line(const unsigned char *in, size_t n, char *out)
{
	char *o = out;
	size_t i;

	for (i = 0; i + 3 <= n; i += 3) {
		unsigned int v = in[i] << 16 | in[i + 1] << 8 | in[i + 2];

		*o++ = b64[v >> 18];
		*o++ = b64[(v >> 12) & 63];
		*o++ = b64[(v >> 6) & 63];
		*o++ = b64[v & 63];
	}
	if (n - i == 1) {
		unsigned int v = in[i] << 16;

		*o++ = b64[v >> 18];
		*o++ = b64[(v >> 12) & 63];
		*o++ = '=';
		*o++ = '=';
	} else if (n - i == 2) {
		unsigned int v = in[i] << 16 | in[i + 1] << 8;

		*o++ = b64[v >> 18];
		*o++ = b64[(v >> 12) & 63];
		*o++ = b64[(v >> 6) & 63];
		*o++ = '=';
	}
	*o++ = '\n';
	return o - out;
}

/* write() all of buf, across short writes. */
static int write_all(const char *buf, size_t n)
{
	while (n) {
		ssize_t w = write(1, buf, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		n -= w;
	}
	return 0;
}

static int fail(const char *what, const char *path)
{
	char msg[256];
	int n = snprintf(msg, sizeof(msg), "--- ram0 error: %s %s: %s\n", what, path,
			 errname(errno));

	write_all(msg, n);
	return 1;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/dev/ram0";
	char out[BATCH_LINES * 78], head[64];
	size_t size = 0, cap = 1 << 20, o = 0;
	unsigned char *buf = malloc(cap);
	ssize_t r;
	int fd, n;

	if (!buf)
		return fail("malloc for", path);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return fail("open", path);
	for (;;) {
		if (size == cap) {
			unsigned char *bigger = realloc(buf, cap * 2);

			if (!bigger)
				return fail("realloc for", path);
			buf = bigger;
			cap *= 2;
		}
		r = read(fd, buf + size, cap - size);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return fail("read", path);
		}
		if (r == 0)
			break;
		size += r;
	}
	close(fd);

	n = snprintf(head, sizeof(head), "--- ram0 begin %zu\n", size);
	if (write_all(head, n) < 0)
		return 1;
	for (size_t off = 0; off < size; off += LINE_BYTES) {
		size_t len = size - off < LINE_BYTES ? size - off : LINE_BYTES;

		o += encode_line(buf + off, len, out + o);
		if (o > sizeof(out) - 78) {
			if (write_all(out, o) < 0)
				return 1;
			o = 0;
		}
	}
	if (o && write_all(out, o) < 0)
		return 1;
	if (write_all("--- ram0 end\n", 13) < 0)
		return 1;
	free(buf);
	return 0;
}
