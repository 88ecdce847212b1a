/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * exec/elf-check.c: the kernel's limits on a program's ELF headers, checked
 * before elfload.c's load_elf_image() trusts them.
 *
 * Upstream's loader reads the program headers and PT_INTERP through
 * imgsrc_read() (bounded by the file) but takes their sizes and the PT_LOAD
 * ranges as they come. A hostile or truncated file then killed the emulator
 * itself (found by tests/fuzz/elf-fuzz and tests/host/bad-elf.sh): a
 * PT_LOAD whose file part lies past the end of the file is mapped, and
 * zero_bss() zeroing its partial page touches a page with no file behind
 * it (host SIGBUS); a zero-sized table or PT_INTERP is a g_malloc(0) NULL
 * taken for a read error with no Error set; a segment ending at 4 GiB
 * wraps the image's end. The kernel refuses all of these with ENOEXEC
 * (fs/binfmt_elf.c); the loader now says why in one line and exits 1.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu.h"
#include "qemu-compat.h"

/* fs/binfmt_elf.c elf_read_phdrs(): at most 64 KiB and one page of them. */
bool qc_elf_check_phdrs(unsigned phnum, size_t phentsize, Error **errp)
{
    size_t size = (size_t)phnum * phentsize;

    if (size == 0 || size > 65536 || size > TARGET_PAGE_SIZE) {
        error_setg(errp, "Invalid ELF image: bad program header table size "
                   "(%u entries)", phnum);
        return false;
    }
    return true;
}

/* fs/binfmt_elf.c load_elf_binary(): 2 to PATH_MAX bytes, NUL-terminated. */
bool qc_elf_check_interp(uint64_t filesz, Error **errp)
{
    if (filesz < 2 || filesz > PATH_MAX) {
        error_setg(errp, "Invalid PT_INTERP entry");
        return false;
    }
    return true;
}

/*
 * PT_LOAD number i: the file part (offset, filesz) inside the file of fd
 * (fd < 0: the in-memory image of size image_size, the vDSO), no more file
 * than memory, and the memory part (vaddr, memsz) ending below the top of
 * the guest's address space: the kernel cannot map a compat task's page
 * at 4 GiB either, and ending there wraps abi_ulong sums.
 */
bool qc_elf_check_load(int i, uint64_t offset, uint64_t filesz,
                       uint64_t vaddr, uint64_t memsz, int fd,
                       uint64_t image_size, Error **errp)
{
    if (fd >= 0) {
        struct stat st;

        if (fstat(fd, &st) < 0) {
            error_setg_errno(errp, errno, "cannot stat the image");
            return false;
        }
        image_size = st.st_size;
    }
    if (filesz > memsz || offset + filesz > image_size ||
        vaddr + memsz >= (uint64_t)1 << TARGET_ABI_BITS) {
        error_setg(errp, "Invalid ELF image: PT_LOAD segment %d lies "
                   "outside the file or the address space", i);
        return false;
    }
    return true;
}
