/*
 * sync-file-range: sync_file_range as each 32-bit ABI passes it, checked
 * against fs/sync.c ksys_sync_file_range()/sync_file_range() (EBADF, then
 * EINVAL for flags outside VALID_FLAGS, a negative offset or end, then ESPIPE
 * for what is not a regular file, block device, directory or link):
 * - i386: 314 sync_file_range, (fd, off lo, off hi, nbytes lo, nbytes hi,
 *   flags) (arch/x86/kernel/sys_ia32.c ia32_sync_file_range);
 * - ARM EABI: 341 sync_file_range2 (arm_sync_file_range), (fd, flags,
 *   offset, nbytes), the 64-bit values in aligned register pairs
 *   (arch/arm/tools/syscall.tbl, fs/sync.c sys_sync_file_range2);
 * - MIPS o32: 4305 sync_file_range, (fd, pad, offset, nbytes, flags): the
 *   pairs aligned, so seven words, the last three from the stack
 *   (arch/mips/kernel/linux32.c sys32_sync_file_range, o32 calling
 *   convention). glibc's syscall() passes six words on MIPS, so the call is
 *   glibc's sync_file_range(), which passes seven.
 * The high words matter: an offset and a length whose sum passes 2^63 is
 * EINVAL, one just below it is not.
 * LTP sync_file_range01 itself calls syscall(__NR_sync_file_range, fd,
 * off_t, off_t, flags) without the o32 pad word, and LTP has no
 * __NR_sync_file_range for ARM (TCONF): neither is the emulator's to fix.
 */
#include "check.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/syscall.h>

#define W (SYNC_FILE_RANGE_WRITE)

static long sfr(int fd, int64_t off, int64_t nb, unsigned flags)
{
    uint64_t o = off, n = nb;
#if defined(__i386__)
    return syscall(__NR_sync_file_range, fd, (uint32_t)o, (uint32_t)(o >> 32),
                   (uint32_t)n, (uint32_t)(n >> 32), flags);
#elif defined(__arm__)
# if __BYTE_ORDER == __BIG_ENDIAN
#  error big-endian ARM is not a target
# endif
    return syscall(__NR_arm_sync_file_range, fd, flags, (uint32_t)o,
                   (uint32_t)(o >> 32), (uint32_t)n, (uint32_t)(n >> 32));
#else
    (void)o; (void)n;
    return sync_file_range(fd, off, nb, flags);
#endif
}

int main(void)
{
    char path[] = "/tmp/qc-sfr-XXXXXX";
    int fd = mkstemp(path);
    int nul = open("/dev/null", O_RDWR);

    CHECK(fd >= 0 && nul >= 0, "a file and /dev/null open");
    unlink(path);
    CHECK(write(fd, "x", 1) == 1, "one byte written");

    CHECK_OK(sfr(fd, 0, 1, W), "file, 0, 1, WRITE");
    CHECK_OK(sfr(fd, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE | W |
                 SYNC_FILE_RANGE_WAIT_AFTER), "file, 0, 0 (to the end), all flags");
    CHECK_ERRNO(sfr(-1, 0, 1, W), EBADF, "fd -1: EBADF");
    CHECK_ERRNO(sfr(nul, 0, 1, SYNC_FILE_RANGE_WAIT_AFTER), ESPIPE,
                "/dev/null, WAIT_AFTER: ESPIPE (LTP sync_file_range01 case 2)");
    CHECK_ERRNO(sfr(nul, 0, 1, 8), EINVAL, "/dev/null, flags 8: EINVAL before ESPIPE");
    CHECK_ERRNO(sfr(fd, 0, 1, 8), EINVAL, "flags 8: EINVAL");
    CHECK_ERRNO(sfr(fd, -1, 1, 1), EINVAL, "offset -1: EINVAL");
    CHECK_ERRNO(sfr(fd, 0, -1, W), EINVAL, "nbytes -1: EINVAL");
    CHECK_OK(sfr(fd, 1LL << 62, (1LL << 62) - 1, W),
             "offset 2^62, nbytes 2^62-1: end 2^63-1 is valid");
    CHECK_ERRNO(sfr(fd, 1LL << 62, 1LL << 62, W), EINVAL,
                "offset 2^62, nbytes 2^62: end 2^63 overflows: EINVAL");
    CHECK_ERRNO(sfr(fd, 0x100000000LL, INT64_MAX - 0xffffffffLL, W), EINVAL,
                "offset 2^32, nbytes 2^63-2^32: end 2^63 overflows: EINVAL");
    CHECK_OK(sfr(fd, 0x100000000LL, INT64_MAX - 0x100000000LL, W),
             "offset 2^32, nbytes 2^63-1-2^32: valid");
    close(fd);
    close(nul);
    return guest_done();
}
