#ifndef FS_NAMEI_H
#define FS_NAMEI_H

#include "fs/fs.h"
#include "fs/dcache.h"
#include "fs/mount.h"

#define MAXSYMLINKS	40	/* Linux: more links in one walk is ELOOP */

#define LOOKUP_FOLLOW		0x1	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x2	/* the result must be a directory */

#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200
#define AT_SYMLINK_FOLLOW	0x400
#define AT_EMPTY_PATH		0x1000

/* The last component of a path, for operations that create or remove it. */
enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };
struct qstr {
	const char *name;
	int len;
	int type;
	bool trailing_slash;
};

/* Copy a path from user space (kfree it with putname); ERR_PTR on error. */
char *getname(const char __user *name);
void putname(char *name);

int path_lookupat(int dfd, const char *name, unsigned int flags, struct path *out);
int kern_path(const char *name, unsigned int flags, struct path *out);
int user_path_at(int dfd, const char __user *name, unsigned int flags, struct path *out);
/* Walk to the parent of the last component; last->name points into name. */
int path_parentat(int dfd, const char *name, struct path *parent, struct qstr *last);
int path_parentat_from(struct path *start, const char *name, struct path *parent,
		       struct qstr *last);
/* The child `name` of dir, positive or negative (a new reference), or ERR_PTR. */
struct dentry *lookup_one(struct dentry *dir, const char *name, int len);

struct file *open_exec(const char *name);
struct file *do_filp_open(int dfd, const char *name, int flags, umode_t mode);
struct file *dentry_open(const struct path *path, int flags);

#endif
