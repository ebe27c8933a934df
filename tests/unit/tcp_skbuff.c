/*
 * net/skbuff.c in its host flavour for the TCP unit test.  run.sh builds
 * every source of a test with the same flags, and the TCP files need
 * -D__KERNEL__; the kernel flavour of skbuff.c would turn interrupts off
 * with cli, which a user process may not do.  So this file undoes
 * __KERNEL__ and compiles skbuff.c as it is meant to on the host.
 */
#undef __KERNEL__
#include "net/skbuff.c"
