/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sh_parse.h - from a line of text to a syntax tree.
 *
 * Two steps, as in every compiler:
 *
 *  1. the lexer cuts the text into tokens: words (still with their quotes
 *     and $ signs, because expansion happens only when the command runs,
 *     so "X=1; echo $X" sees the new X) and operators (| || & && ; ( )
 *     newline and redirections such as 2>&1);
 *
 *  2. the parser, one function per grammar rule, builds the tree:
 *
 *     list      := and_or ( (';' | '&' | newline) and_or )*
 *     and_or    := pipeline ( ('&&' | '||') newline* pipeline )*
 *     pipeline  := ['!'] command ( '|' newline* command )*
 *     command   := ( assignment | word | redirection )+
 *                | '(' list ')' redirection*
 *
 * A line can end in the middle of a command (an open quote, a trailing |
 * or &&, a backslash before the newline).  The parser then says
 * PARSE_INCOMPLETE and the caller reads one more line and parses the
 * whole text again: simpler than a parser that can be suspended.
 *
 * Not supported (a clear syntax error instead): here-documents, $(...)
 * and `...`, and the compound commands if/while/for/case/functions.
 */
#ifndef SH_PARSE_H
#define SH_PARSE_H

#include "sh_lib.h"
#include "sh_vars.h"

enum redir_op {
	R_IN,		/* n<file   (n defaults to 0) */
	R_OUT,		/* n>file   (n defaults to 1) */
	R_APPEND,	/* n>>file */
	R_RDWR,		/* n<>file */
	R_DUP,		/* n>&m, n<&m (copy m onto n), n>&- (close n) */
};

struct redir {
	struct redir *next;
	int fd;
	enum redir_op op;
	char *word;		/* raw: the file name or the m of n>&m */
};

struct andor;

/* One command of a pipeline. */
struct command {
	struct command *next;	/* the next command in the pipeline */
	char **words;		/* raw words: command name and arguments */
	char **assigns;		/* raw NAME=value words before the name */
	struct redir *redirs;	/* in source order: order matters */
	struct andor *subshell;	/* ( list ): run by a child shell */
};

enum connector { C_NONE, C_AND, C_OR };

struct pipeline {
	struct pipeline *next;	/* the next pipeline of the and-or list */
	enum connector op;	/* && or || joining it to the previous one */
	int negate;		/* ! pipeline */
	int ncmds;
	struct command *cmds;
	char *text;		/* its source text, for job messages */
};

struct andor {
	struct andor *next;	/* the next and-or list of the list */
	struct pipeline *pipelines;
	int background;		/* ended by & */
	char *text;		/* its source text, for job messages */
};

enum tok {
	T_EOF, T_WORD, T_NEWLINE, T_SEMI, T_AMP, T_PIPE, T_AND, T_OR,
	T_LPAREN, T_RPAREN, T_REDIR,
};

struct token {
	enum tok type;
	char *word;		/* T_WORD: raw text, quotes and all */
	int fd;			/* T_REDIR: the n of n>file, -1 if not given */
	enum redir_op op;	/* T_REDIR */
	size_t start, end;	/* position in the source text */
};

enum parse_status { PARSE_OK, PARSE_INCOMPLETE, PARSE_ERROR };

struct parser {
	const char *src;
	size_t pos;		/* where the lexer continues */
	size_t last_end;	/* end of the last token consumed */
	struct token tok;	/* the current token (one token lookahead) */
	enum parse_status status;
	const char *eof_msg;	/* what is missing if the input ends now */
	struct strbuf word;	/* scratch buffer for lexing a word */
};

static void syntax_error(struct parser *p, const char *what)
{
	if (p->status == PARSE_OK)
		sh_error("syntax error: %s", what);
	p->status = PARSE_ERROR;
}

/* The input ended inside a command: the caller must read more. */
static void need_more(struct parser *p, const char *what)
{
	if (p->status == PARSE_OK) {
		p->status = PARSE_INCOMPLETE;
		p->eof_msg = what;
	}
}

static const char *tok_name(const struct token *t)
{
	static const char *const names[] = {
		[T_EOF] = "end of file", [T_WORD] = "word",
		[T_NEWLINE] = "newline", [T_SEMI] = ";", [T_AMP] = "&",
		[T_PIPE] = "|", [T_AND] = "&&", [T_OR] = "||",
		[T_LPAREN] = "(", [T_RPAREN] = ")", [T_REDIR] = "redirection",
	};

	return t->type == T_WORD ? t->word : names[t->type];
}

static void unexpected(struct parser *p)
{
	char msg[128];

	snprintf(msg, sizeof(msg), "unexpected '%s'", tok_name(&p->tok));
	syntax_error(p, msg);
}

#define NO_CMDSUBST	"command substitution is not supported"

static int is_meta(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' ||
	       c == '|' || c == '<' || c == '>' || c == '(' || c == ')';
}

/*
 * Copy a double-quoted string, quotes included, starting at the opening
 * quote.  Returns the index after the closing quote, or 0 if the text ends
 * first (or on an error, with p->status set).
 */
static size_t lex_dquote(struct parser *p, size_t i)
{
	const char *s = p->src;

	sb_addc(&p->word, s[i++]);
	for (;;) {
		char c = s[i];

		if (c == '\0') {
			need_more(p, "unterminated quoted string");
			return 0;
		}
		if (c == '"') {
			sb_addc(&p->word, c);
			return i + 1;
		}
		if (c == '\\' && s[i + 1] == '\n') {
			i += 2;			/* line continuation */
		} else if (c == '\\' && s[i + 1]) {
			sb_addn(&p->word, s + i, 2);
			i += 2;
		} else if (c == '`' || (c == '$' && s[i + 1] == '(')) {
			syntax_error(p, NO_CMDSUBST);
			return 0;
		} else {
			sb_addc(&p->word, c);
			i++;
		}
	}
}

/*
 * A word ends at an unquoted blank or operator character.  The raw text is
 * kept (minus backslash-newline pairs) for the expander to interpret.
 */
static size_t lex_word(struct parser *p, size_t i)
{
	const char *s = p->src;

	sb_clear(&p->word);
	while (s[i] && !is_meta(s[i])) {
		char c = s[i];

		if (c == '\'') {
			const char *end = strchr(s + i + 1, '\'');

			if (!end) {
				need_more(p, "unterminated quoted string");
				return 0;
			}
			sb_addn(&p->word, s + i, (size_t)(end - (s + i)) + 1);
			i = (size_t)(end - s) + 1;
		} else if (c == '"') {
			i = lex_dquote(p, i);
			if (!i)
				return 0;
		} else if (c == '\\' && s[i + 1] == '\n') {
			if (!s[i + 2])
				need_more(p, "unexpected end of file");
			i += 2;
		} else if (c == '\\' && s[i + 1]) {
			sb_addn(&p->word, s + i, 2);
			i += 2;
		} else if (c == '`' || (c == '$' && s[i + 1] == '(')) {
			syntax_error(p, NO_CMDSUBST);
			return 0;
		} else if (c == '$' && s[i + 1] == '{') {
			const char *end = strchr(s + i, '}');

			if (!end) {
				syntax_error(p, "missing '}'");
				return 0;
			}
			sb_addn(&p->word, s + i, (size_t)(end - (s + i)) + 1);
			i = (size_t)(end - s) + 1;
		} else {
			sb_addc(&p->word, c);
			i++;
		}
	}
	p->tok.type = T_WORD;
	p->tok.word = line_strndup(p->word.s, p->word.len);
	return i;
}

/* At '<' or '>': which redirection operator is it? */
static size_t lex_redir(struct parser *p, size_t i, int fd)
{
	const char *s = p->src;

	p->tok.type = T_REDIR;
	p->tok.fd = fd;
	if (s[i] == '<') {
		if (s[i + 1] == '<') {
			syntax_error(p, "here-documents are not supported");
			return i + 2;
		}
		if (s[i + 1] == '&' || s[i + 1] == '>') {
			p->tok.op = s[i + 1] == '&' ? R_DUP : R_RDWR;
			return i + 2;
		}
		p->tok.op = R_IN;
		return i + 1;
	}
	if (s[i + 1] == '>' || s[i + 1] == '&' || s[i + 1] == '|') {
		p->tok.op = s[i + 1] == '>' ? R_APPEND :
			    s[i + 1] == '&' ? R_DUP : R_OUT;
		return i + 2;
	}
	p->tok.op = R_OUT;
	return i + 1;
}

/* Read the next token into p->tok. */
static void next(struct parser *p)
{
	const char *s = p->src;
	size_t i = p->pos, j;

	p->last_end = p->tok.end;
	for (;;) {			/* blanks and line continuations */
		if (s[i] == ' ' || s[i] == '\t') {
			i++;
		} else if (s[i] == '\\' && s[i + 1] == '\n') {
			if (!s[i + 2])
				need_more(p, "unexpected end of file");
			i += 2;
		} else {
			break;
		}
	}
	if (s[i] == '#')		/* a comment: up to the newline */
		while (s[i] && s[i] != '\n')
			i++;
	p->tok.start = i;
	p->tok.fd = -1;
	switch (s[i]) {
	case '\0':
		p->tok.type = T_EOF;
		break;
	case '\n':
		p->tok.type = T_NEWLINE;
		i++;
		break;
	case ';':
		if (s[i + 1] == ';')
			syntax_error(p, "unexpected ';;'");
		p->tok.type = T_SEMI;
		i++;
		break;
	case '&':
		p->tok.type = s[i + 1] == '&' ? T_AND : T_AMP;
		i += s[i + 1] == '&' ? 2 : 1;
		break;
	case '|':
		p->tok.type = s[i + 1] == '|' ? T_OR : T_PIPE;
		i += s[i + 1] == '|' ? 2 : 1;
		break;
	case '(':
	case ')':
		p->tok.type = s[i] == '(' ? T_LPAREN : T_RPAREN;
		i++;
		break;
	case '<':
	case '>':
		i = lex_redir(p, i, -1);
		break;
	default:
		/* "2>file": digits right before < or > are the fd number */
		for (j = i; s[j] >= '0' && s[j] <= '9'; j++)
			;
		if (j > i && j - i < 5 && (s[j] == '<' || s[j] == '>'))
			i = lex_redir(p, j, atoi(s + i));
		else
			i = lex_word(p, i);
	}
	if (p->status != PARSE_OK) {
		p->tok.type = T_EOF;	/* stop the parser where it is */
		i = strlen(s);
	}
	p->tok.end = i;
	p->pos = i;
}

static void skip_newlines(struct parser *p)
{
	while (p->tok.type == T_NEWLINE)
		next(p);
}

static struct andor *parse_list(struct parser *p, int in_subshell);

/* After | && || a command must follow, maybe on the next line. */
static void need_command(struct parser *p)
{
	skip_newlines(p);
	if (p->tok.type == T_EOF)
		need_more(p, "unexpected end of file");
}

/* A redirection: the operator is p->tok, its target the next word. */
static struct redir *parse_redir(struct parser *p)
{
	struct redir *r = line_alloc(sizeof(*r));

	r->next = NULL;
	r->op = p->tok.op;
	r->fd = p->tok.fd;
	if (r->fd < 0)		/* <file <>file <&n are about 0, the rest 1 */
		r->fd = p->src[p->tok.start] == '<' ? 0 : 1;
	next(p);
	if (p->tok.type != T_WORD) {
		if (p->tok.type == T_EOF && p->status == PARSE_OK)
			syntax_error(p, "redirection without a file name");
		else
			unexpected(p);
		return NULL;
	}
	r->word = p->tok.word;
	next(p);
	return r;
}

/*
 * NAME=value before the command name is an assignment.  The name must be
 * plain (unquoted) text, so "X"=1 or \X=1 is an ordinary word.
 */
static int is_assignment(const char *word)
{
	const char *eq = strchr(word, '=');

	return eq && is_name(word, (size_t)(eq - word));
}

static struct command *parse_command(struct parser *p)
{
	struct command *c = line_alloc(sizeof(*c));
	struct redir **rtail = &c->redirs;
	struct strvec words = { 0 }, assigns = { 0 };

	memset(c, 0, sizeof(*c));
	if (p->tok.type == T_LPAREN) {
		next(p);
		c->subshell = parse_list(p, 1);
		if (p->status != PARSE_OK)
			return NULL;
		next(p);		/* the ')' */
	}
	for (;;) {
		if (p->tok.type == T_WORD && !c->subshell) {
			if (words.n == 0 && is_assignment(p->tok.word))
				sv_push(&assigns, p->tok.word);
			else
				sv_push(&words, p->tok.word);
			next(p);
		} else if (p->tok.type == T_REDIR) {
			*rtail = parse_redir(p);
			if (!*rtail)
				break;
			rtail = &(*rtail)->next;
		} else {
			break;
		}
	}
	c->words = sv_to_line(&words);
	c->assigns = sv_to_line(&assigns);
	free(words.v);
	free(assigns.v);
	if (p->status != PARSE_OK)
		return NULL;
	if (!c->words[0] && !c->assigns[0] && !c->redirs && !c->subshell) {
		if (p->tok.type == T_EOF)
			need_more(p, "unexpected end of file");
		else
			unexpected(p);
		return NULL;
	}
	return c;
}

static struct pipeline *parse_pipeline(struct parser *p)
{
	struct pipeline *pl = line_alloc(sizeof(*pl));
	struct command **tail = &pl->cmds;
	size_t start = p->tok.start;

	memset(pl, 0, sizeof(*pl));
	/* "!" is special only as a whole, unquoted word in front */
	if (p->tok.type == T_WORD && !strcmp(p->tok.word, "!")) {
		pl->negate = 1;
		next(p);
	}
	for (;;) {
		*tail = parse_command(p);
		if (!*tail)
			return NULL;
		tail = &(*tail)->next;
		pl->ncmds++;
		if (p->tok.type != T_PIPE)
			break;
		next(p);
		need_command(p);
	}
	pl->text = line_strndup(p->src + start, p->last_end - start);
	return pl;
}

static struct andor *parse_andor(struct parser *p)
{
	struct andor *ao = line_alloc(sizeof(*ao));
	struct pipeline **tail = &ao->pipelines;
	size_t start = p->tok.start;
	enum connector op = C_NONE;

	memset(ao, 0, sizeof(*ao));
	for (;;) {
		*tail = parse_pipeline(p);
		if (!*tail)
			return NULL;
		(*tail)->op = op;
		tail = &(*tail)->next;
		if (p->tok.type != T_AND && p->tok.type != T_OR)
			break;
		op = p->tok.type == T_AND ? C_AND : C_OR;
		next(p);
		need_command(p);
	}
	ao->text = line_strndup(p->src + start, p->last_end - start);
	return ao;
}

/* A list of and-or lists; in a subshell it ends at ')'. */
static struct andor *parse_list(struct parser *p, int in_subshell)
{
	struct andor *head = NULL, **tail = &head;

	for (;;) {
		skip_newlines(p);
		if (p->tok.type == T_EOF) {
			if (in_subshell)
				need_more(p, "missing ')'");
			break;
		}
		if (p->tok.type == T_RPAREN && in_subshell)
			break;
		*tail = parse_andor(p);
		if (!*tail)
			return NULL;
		if (p->tok.type == T_SEMI || p->tok.type == T_AMP) {
			(*tail)->background = p->tok.type == T_AMP;
			next(p);
		} else if (p->tok.type == T_NEWLINE) {
			next(p);
		} else if (p->tok.type != T_EOF &&
			   !(p->tok.type == T_RPAREN && in_subshell)) {
			unexpected(p);
			return NULL;
		}
		tail = &(*tail)->next;
	}
	if (in_subshell && !head && p->status == PARSE_OK)
		unexpected(p);		/* "()" is not a command */
	return head;
}

/*
 * Parse a complete piece of input.  On PARSE_OK *list is the tree (NULL
 * for a blank line); on PARSE_INCOMPLETE *eof_msg says what is missing.
 */
static enum parse_status parse(const char *text, struct andor **list,
			       const char **eof_msg)
{
	struct parser p;

	memset(&p, 0, sizeof(p));
	p.src = text;
	next(&p);
	*list = parse_list(&p, 0);
	if (p.status == PARSE_OK && p.tok.type != T_EOF)
		unexpected(&p);		/* a ')' with no '(' */
	free(p.word.s);
	*eof_msg = p.eof_msg;
	return p.status;
}

#endif /* SH_PARSE_H */
