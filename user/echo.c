// SPDX-License-Identifier: GPL-2.0
/*
 * echo - print the arguments, separated by spaces, and a newline.
 *
 * Usage: echo [-n] [-e] [-E] [STRING]...
 *   -n  no newline at the end
 *   -e  interpret backslash escapes: \\ \a \b \c (stop here) \e \f \n \r
 *       \t \v \0NNN (octal) \xHH (hex)
 *   -E  do not interpret them (the default)
 * Like GNU echo, only arguments made of these letters count as options
 * ("-x" or "--" are printed), and options end at the first other argument.
 *
 * System calls: writev (musl's stdio writes with it), exit_group.
 */
#include <stdio.h>
#include <string.h>

static int is_octal(char c)
{
	return c >= '0' && c <= '7';
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Is s an option word such as "-n", "-e" or "-neE"? */
static int is_option(const char *s)
{
	if (s[0] != '-' || s[1] == '\0')
		return 0;
	return strspn(s + 1, "neE") == strlen(s + 1);
}

/*
 * Print s, interpreting backslash escapes.  Returns 1 if it met "\c",
 * which means: print nothing more, not even the newline.
 */
static int print_escaped(const char *s)
{
	while (*s) {
		int c = (unsigned char)*s++;
		int i, d;

		if (c != '\\' || *s == '\0') {
			putchar(c);
			continue;
		}
		c = *s++;
		switch (c) {
		case 'a': c = '\a'; break;
		case 'b': c = '\b'; break;
		case 'c': return 1;
		case 'e': c = 033; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'v': c = '\v'; break;
		case '\\': break;
		case '0':		/* \0 and up to three octal digits */
			c = 0;
			for (i = 0; i < 3 && is_octal(*s); i++)
				c = c * 8 + (*s++ - '0');
			break;
		case 'x':		/* \x and one or two hex digits */
			if (hex_value(*s) < 0) {
				putchar('\\');	/* not an escape: print as is */
				break;
			}
			c = 0;
			for (i = 0; i < 2 && (d = hex_value(*s)) >= 0; i++, s++)
				c = c * 16 + d;
			break;
		default:		/* unknown escape: keep the backslash */
			putchar('\\');
			break;
		}
		putchar(c);
	}
	return 0;
}

int main(int argc, char *argv[])
{
	int newline = 1, escapes = 0;
	int i;
	const char *p;

	for (i = 1; i < argc && is_option(argv[i]); i++) {
		for (p = argv[i] + 1; *p; p++) {
			if (*p == 'n')
				newline = 0;
			else if (*p == 'e')
				escapes = 1;
			else
				escapes = 0;
		}
	}

	for (; i < argc; i++) {
		if (escapes) {
			if (print_escaped(argv[i])) {
				newline = 0;
				break;
			}
		} else {
			fputs(argv[i], stdout);
		}
		if (i + 1 < argc)
			putchar(' ');
	}
	if (newline)
		putchar('\n');

	if (fflush(stdout) != 0) {
		perror("echo: write error");
		return 1;
	}
	return 0;
}
