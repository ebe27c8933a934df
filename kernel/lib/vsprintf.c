/*
 * vsnprintf: the subset of printf formats the kernel uses.
 * Flags '-' and '0', a width, a precision for %s, the length modifiers
 * l, ll, z; conversions d i u o x X p s c %.
 */
#include "kernel/kernel.h"

struct out {
	char *buf;
	size_t size;
	size_t len;		/* characters produced, even past size */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width,
		       bool left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;

	if (!left && pad == '0' && n && (*s == '-')) {
		put(o, *s++);
		n--;
	}
	if (!left)
		while (fill--)
			put(o, pad);
	while (n--)
		put(o, *s++);
	if (left)
		while (fill-- > 0)
			put(o, ' ');
}

static size_t format_number(char *tmp, unsigned long v, bool neg,
			    unsigned int base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char rev[24];
	size_t n = 0, i = 0;

	do {
		rev[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[i++] = '-';
	while (n)
		tmp[i++] = rev[--n];
	return i;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		bool left = false;
		char pad = ' ';
		int width = 0, precision = -1, lng = 0;
		char tmp[32];

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				left = true;
			else if (*fmt == '0')
				pad = '0';
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {	/* C: a negative * width means '-' */
				left = true;
				width = -width;
			}
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			fmt++;
			precision = 0;
			if (*fmt == '*') {
				precision = va_arg(ap, int);
				fmt++;
			}
			while (*fmt >= '0' && *fmt <= '9')
				precision = precision * 10 + (*fmt++ - '0');
		}
		while (*fmt == 'l' || *fmt == 'z') {
			lng++;
			fmt++;
		}

		switch (*fmt) {
		case 'd':
		case 'i': {
			long v = lng ? va_arg(ap, long) : va_arg(ap, int);
			unsigned long mag = v < 0 ? -(unsigned long)v : (unsigned long)v;

			put_padded(&o, tmp, format_number(tmp, mag, v < 0, 10, false),
				   width, left, pad);
			break;
		}
		case 'u':
		case 'o':
		case 'x':
		case 'X': {
			unsigned long v = lng ? va_arg(ap, unsigned long)
					      : va_arg(ap, unsigned int);
			unsigned int base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;

			put_padded(&o, tmp, format_number(tmp, v, false, base, *fmt == 'X'),
				   width, left, pad);
			break;
		}
		case 'p': {
			unsigned long v = (unsigned long)va_arg(ap, void *);

			put(&o, '0');
			put(&o, 'x');
			put_padded(&o, tmp, format_number(tmp, v, false, 16, false),
				   width ? width : 16, left, '0');
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (!s)
				s = "(null)";
			put_padded(&o, s, precision >= 0 ? strnlen(s, precision) : strlen(s),
				   width, left, ' ');
			break;
		}
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			put_padded(&o, tmp, 1, width, left, ' ');
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
