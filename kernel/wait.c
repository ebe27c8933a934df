/* Wait queues.  Linux: kernel/sched/wait.c. */
#include "kernel/sched.h"
#include "kernel/wait.h"

void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait, long state)
{
	unsigned long flags = local_irq_save();

	if (!wait->task) {
		wait->task = current;
		INIT_LIST_HEAD(&wait->entry);
	}
	if (list_empty(&wait->entry))
		list_add_tail(&wait->entry, &wq->head);
	set_current_state(state);
	local_irq_restore(flags);
}

/* Queue an entry without touching the task's state (poll registers many). */
void add_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *wait)
{
	unsigned long flags = local_irq_save();

	list_add_tail(&wait->entry, &wq->head);
	local_irq_restore(flags);
}

void remove_wait_queue(wait_queue_head_t *wq, struct wait_queue_entry *wait)
{
	unsigned long flags = local_irq_save();

	(void)wq;
	list_del_init(&wait->entry);
	local_irq_restore(flags);
}

void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait)
{
	unsigned long flags = local_irq_save();

	(void)wq;
	set_current_state(TASK_RUNNING);
	if (!list_empty(&wait->entry))
		list_del_init(&wait->entry);
	local_irq_restore(flags);
}

void wake_up(wait_queue_head_t *wq)
{
	unsigned long flags = local_irq_save();
	struct wait_queue_entry *w;

	list_for_each_entry(w, &wq->head, entry)
		wake_up_process(w->task);
	local_irq_restore(flags);
}
