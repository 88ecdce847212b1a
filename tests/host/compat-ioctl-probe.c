/*
 * compat-ioctl-probe.c: compiled (-S, never run) by compat-ioctl-layout.sh
 * with i686-linux-gnu-gcc, arm-linux-gnueabihf-gcc and mipsel-linux-gnu-gcc.
 * For every row of linux-user/qc/ioctl/compat-ioctl-table.h it emits
 *   qc_cmd_<name>       the command number this compiler's program issues
 *   qc_layout_<layout>  size, member offsets and, for arguments that carry
 *                       flags, the flags' values
 * so the script can compare each guest ABI with i386's.
 */
#include <stddef.h>
#include <fcntl.h>
#include <asm/termios.h>
#include <asm/ioctls.h>
#include <linux/fs.h>
#include <linux/loop.h>
#include <linux/sockios.h>
#include <linux/random.h>

#define QC_COMPAT_IOCTL(name, x86, layout, arm, mips) \
    const unsigned int qc_cmd_##name = name;
#include "ioctl/compat-ioctl-table.h"
#undef QC_COMPAT_IOCTL

#define OFF(s, m) offsetof(struct s, m)
#define L(name, ...) const unsigned int qc_layout_##name[] = { 1000, __VA_ARGS__ };

L(int, sizeof(int))
L(long, sizeof(long))
L(u64, sizeof(unsigned long long))
L(u64pair, sizeof(long long[2]))
L(oflags, O_RDWR, O_NOCTTY, O_CLOEXEC, O_NONBLOCK)
L(termios, sizeof(struct termios), OFF(termios, c_oflag), OFF(termios, c_cflag),
  OFF(termios, c_lflag), OFF(termios, c_line), OFF(termios, c_cc), NCCS,
  ICANON, ECHO, ONLCR, CSIZE, CS8, VMIN, VTIME, VEOF, B38400, ICRNL, IXON)
L(winsize, sizeof(struct winsize), OFF(winsize, ws_col), OFF(winsize, ws_xpixel))
L(fsxattr, sizeof(struct fsxattr), OFF(fsxattr, fsx_extsize), OFF(fsxattr, fsx_projid),
  OFF(fsxattr, fsx_cowextsize), OFF(fsxattr, fsx_pad))
L(file_clone_range, sizeof(struct file_clone_range), OFF(file_clone_range, src_offset),
  OFF(file_clone_range, src_length), OFF(file_clone_range, dest_offset))
L(file_dedupe_range, sizeof(struct file_dedupe_range), OFF(file_dedupe_range, src_length),
  OFF(file_dedupe_range, dest_count), OFF(file_dedupe_range, info),
  sizeof(struct file_dedupe_range_info), OFF(file_dedupe_range_info, dest_offset),
  OFF(file_dedupe_range_info, bytes_deduped), OFF(file_dedupe_range_info, status))
L(fstrim_range, sizeof(struct fstrim_range), OFF(fstrim_range, len), OFF(fstrim_range, minlen))
L(loop_info, sizeof(struct loop_info), OFF(loop_info, lo_device), OFF(loop_info, lo_inode),
  OFF(loop_info, lo_rdevice), OFF(loop_info, lo_offset), OFF(loop_info, lo_name),
  OFF(loop_info, lo_init), sizeof(((struct loop_info *)0)->lo_device))
L(loop_info64, sizeof(struct loop_info64), OFF(loop_info64, lo_inode),
  OFF(loop_info64, lo_offset), OFF(loop_info64, lo_number),
  OFF(loop_info64, lo_file_name), OFF(loop_info64, lo_init))
L(loop_config, sizeof(struct loop_config), OFF(loop_config, block_size),
  OFF(loop_config, info), OFF(loop_config, __reserved))
