#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

struct task_struct;

#define IST_DOUBLE_FAULT	1

void cpu_init(void);
void set_kernel_stack(unsigned long top);
void cpu_set_current(struct task_struct *t);

#endif
