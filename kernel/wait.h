#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

/*
 * Wait queues: a task that must wait for a condition puts itself on a
 * queue and sleeps; whoever makes the condition true calls wake_up().
 * Linux: include/linux/wait.h.
 */
#include "kernel/list.h"
#include "kernel/irq.h"

struct task_struct;

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define DECLARE_WAIT_QUEUE_HEAD(name) \
	wait_queue_head_t name = { { 0 }, LIST_HEAD_INIT(name.head) }

static inline void init_waitqueue_head(wait_queue_head_t *wq)
{
	INIT_LIST_HEAD(&wq->head);
}

void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait, long state);
void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait);
void add_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *wait);
void remove_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *wait);
void wake_up(wait_queue_head_t *wq);
bool signal_pending(struct task_struct *t);
void schedule(void);

/*
 * Sleep until cond is true.  Returns 0, or -ERESTARTSYS if a signal
 * arrived first (the system call is then restarted or fails with EINTR).
 */
#define wait_event_interruptible(wq, cond)				\
({									\
	struct wait_queue_entry __wait = { NULL, { NULL, NULL } };	\
	int __ret = 0;							\
	for (;;) {							\
		prepare_to_wait(&(wq), &__wait, TASK_INTERRUPTIBLE);	\
		if (cond)						\
			break;						\
		if (signal_pending(current)) {				\
			__ret = -ERESTARTSYS;				\
			break;						\
		}							\
		schedule();						\
	}								\
	finish_wait(&(wq), &__wait);					\
	__ret;								\
})

#endif
