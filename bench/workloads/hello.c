/* hello: the smallest static program, for process start-up cost. */
#include <stdio.h>
int main(void) { puts("hello"); return 0; }
