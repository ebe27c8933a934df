/*
 * The good case for tests/unit/elf.c: run.sh links this with
 * `musl-gcc -static` into build/unit/elf_sample, a real static executable.
 */
int main(void)
{
	return 0;
}
