/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpu/mips-unaligned.c: a MIPS address error handled as the kernel handles it
 * for a user task (arch/mips/kernel/unaligned.c, do_ade()).
 *
 * A pre-R6 MIPS CPU raises an address error (AdEL/AdES) for a load or store
 * not aligned to its size. The kernel emulates that access for the task
 * unless the thread turned it off with sysmips(MIPS_FIXADE, 0) (on by
 * default, kept by clone() and execve()), and programs rely on it: Debian's
 * mipsel OpenJDK Zero VM loads and stores doubles (ldc1/sdc1) at addresses
 * that are only 4-byte aligned. QEMU 7.2 sent SIGBUS BUS_ADRALN instead.
 *
 * In user mode QEMU now raises the CPU's exception too (patches/:
 * mips_cpu_record_sigbus()): CP0_BadVAddr is the address, PC the faulting
 * instruction (the delay-slot instruction, with hflags' branch bits set,
 * when it sits in a branch delay slot: its branch has run, the target is in
 * btarget, a conditional branch's outcome in bcond). cpu_loop() calls
 * qc_mips_do_ade(), which does what do_ade() does:
 * - BadVAddr is the exception pc (an instruction fetch), or MIPS_FIXADE is
 *   off: SIGBUS.
 * - lh, lhu, lw, sh, sw in their MIPS32, MIPS16e and microMIPS forms, the
 *   DSP's lwx and lhx, microMIPS lwxs, lwp and swp, and the FPU's lwc1,
 *   ldc1, swc1, sdc1, lwxc1, ldxc1, swxc1, sdxc1 (the kernel hands these to
 *   its FPU emulator): the access is done byte by byte in the guest's byte
 *   order, the register(s) written, the pc advanced; in a delay slot the
 *   branch is then completed (taken or not, as the CPU decided).
 * - ll and sc (and lb, lbu, sb, lwl, lwr, swl, swr, which cannot be
 *   misaligned), MIPS16e save/restore: SIGBUS. Any other instruction
 *   (the DSP's lbux among them): SIGILL.
 * - An address in the kernel's half (access_ok()): SIGBUS; an access to
 *   memory the task cannot read or write: SIGSEGV, the instruction not
 *   done (nothing is written when the page flags refuse it).
 * Those signals are the kernel's force_sig(): si_code SI_KERNEL, no
 * address; except the FPU forms, reported by process_fpemu_return():
 * SIGSEGV SEGV_MAPERR or SEGV_ACCERR, SIGBUS BUS_ADRERR, at the address.
 *
 * Facts of QEMU that decide the rest:
 * - MIPS is TARGET_ALIGNED_ONLY: every access without MO_UNALN faults when
 *   misaligned. Done unaligned without a fault (the result the kernel's
 *   emulation gives): microMIPS lwm/swm (helpers), MSA, luxc1/suxc1 (their
 *   address is rounded down). R6 CPUs do ordinary loads and stores
 *   unaligned; only their ll/sc fault. sc did not check its address when
 *   the LL's differed (patches/: now it faults as the CPU does).
 * - Where this emulation and the kernel's FPU emulator could differ, the
 *   result is what QEMU's own aligned instruction gives: lwc1 keeps the
 *   upper half of a 64-bit FPR (FR=1), ldc1/sdc1 with FR=0 use the even/odd
 *   pair; lwc1 with FRE set is a reserved instruction (SIGILL) as in QEMU.
 * - microMIPS: the pre-R6 CPUs that have it (M14K, M14Kc) have no FPU, so
 *   its FPU forms cannot fault here: lwc1 and the like are decoded anyway,
 *   the indexed POOL32F ones get SIGBUS.
 * - MIPS16e swrasp stores ra (the architecture; the kernel's emulation
 *   stores sp there).
 * Not done: the kernel's count of emulated accesses (debugfs), and keeping
 * MIPS_FIXADE across execve() (the emulator starts afresh: on).
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "user-internals.h"
#include "signal-common.h"
#include "qc-internal.h"

#ifdef TARGET_MIPS

/*
 * access_ok() of a 32-bit task (arch/mips/include/asm/uaccess.h): the user
 * segment is the lower 2 GiB; o32 addresses above are the kernel's
 * (sign-extended on a 64-bit kernel).
 */
#define QC_MIPS_UA_LIMIT 0x80000000u

enum {
    QC_ADE_SIGBUS,      /* not emulated: force_sig(SIGBUS) */
    QC_ADE_SIGILL,      /* unknown instruction: force_sig(SIGILL) */
    QC_ADE_GPR,         /* integer load or store */
    QC_ADE_FPR,         /* FPU load or store */
};

/* One decoded instruction. */
typedef struct QCAde {
    int action;         /* QC_ADE_* */
    int len;            /* the instruction's bytes */
    int size;           /* the access's bytes: 2, 4 or 8 */
    bool store;
    bool sign;          /* a load that sign-extends */
    int reg;            /* the GPR or FPR loaded or stored */
    bool pair;          /* microMIPS lwp/swp: reg and reg + 1, a word each */
} QCAde;

/* MIPS16e and microMIPS 3-bit register fields: loads and base registers,
 * and the microMIPS 16-bit stores' source (0 is $zero there). */
static const uint8_t qc_reg3[8] = { 16, 17, 2, 3, 4, 5, 6, 7 };
static const uint8_t qc_reg3_st[8] = { 0, 17, 2, 3, 4, 5, 6, 7 };

static void qc_ade_set(QCAde *d, int action, int size, bool store, bool sign,
                       int reg)
{
    d->action = action;
    d->size = size;
    d->store = store;
    d->sign = sign;
    d->reg = reg;
    d->pair = false;
}

/*
 * Copy len bytes between guest memory at addr and buf (prot: PAGE_READ to
 * read, PAGE_WRITE to write, 0 to read code), as the kernel's accesses with
 * an exception-table fixup: false when the page flags refuse the range
 * (nothing done) or a byte faults on the host (a page of a file truncated
 * under its mapping: host/host-fault.c comes back here, as for a syscall).
 */
static bool qc_ade_copy(abi_ulong addr, uint8_t *buf, int len, int prot)
{
    int i;

    if (!guest_range_valid_untagged(addr, len) ||
        !page_check_range(addr, len, prot)) {
        return false;
    }
    if (__builtin_setjmp(qc_syscall_fault_env)) {
        return false;
    }
    qc_syscall_fault_armed = true;
    for (i = 0; i < len; i++) {
        uint8_t *h = g2h_untagged(addr + i);

        if (prot & PAGE_WRITE) {
            *h = buf[i];
        } else {
            buf[i] = *h;
        }
    }
    qc_syscall_fault_armed = false;
    return true;
}

/* Bytes in the guest's order to a value, and back. */
static uint64_t qc_ade_from_bytes(const uint8_t *b, int n)
{
    uint64_t v = 0;
    int i;

    for (i = 0; i < n; i++) {
#if TARGET_BIG_ENDIAN
        v = (v << 8) | b[i];
#else
        v |= (uint64_t)b[i] << (8 * i);
#endif
    }
    return v;
}

static void qc_ade_to_bytes(uint64_t v, uint8_t *b, int n)
{
    int i;

    for (i = 0; i < n; i++) {
#if TARGET_BIG_ENDIAN
        b[n - 1 - i] = v >> (8 * i);
#else
        b[i] = v >> (8 * i);
#endif
    }
}

/* The instruction halfword at addr (MIPS16e, microMIPS), or false. */
static bool qc_ade_code16(abi_ulong addr, uint16_t *hw)
{
    uint8_t b[2];

    if (!qc_ade_copy(addr, b, 2, 0)) {
        return false;
    }
    *hw = qc_ade_from_bytes(b, 2);
    return true;
}

/* MIPS32 (pre-R6 opcodes; R6 ll/sc in SPECIAL3). */
static bool qc_ade_decode_mips32(CPUMIPSState *env, abi_ulong pc, QCAde *d)
{
    uint8_t b[4];
    uint32_t insn;
    int rt, rd, fd;

    if (!qc_ade_copy(pc, b, 4, 0)) {
        return false;
    }
    insn = qc_ade_from_bytes(b, 4);
    rt = (insn >> 16) & 0x1f;
    rd = (insn >> 11) & 0x1f;
    fd = (insn >> 6) & 0x1f;
    d->len = 4;
    switch (insn >> 26) {
    case 0x21: /* lh */
        qc_ade_set(d, QC_ADE_GPR, 2, false, true, rt);
        break;
    case 0x25: /* lhu */
        qc_ade_set(d, QC_ADE_GPR, 2, false, false, rt);
        break;
    case 0x23: /* lw */
        qc_ade_set(d, QC_ADE_GPR, 4, false, true, rt);
        break;
    case 0x29: /* sh */
        qc_ade_set(d, QC_ADE_GPR, 2, true, false, rt);
        break;
    case 0x2b: /* sw */
        qc_ade_set(d, QC_ADE_GPR, 4, true, false, rt);
        break;
    case 0x31: /* lwc1 */
        qc_ade_set(d, QC_ADE_FPR, 4, false, false, rt);
        break;
    case 0x35: /* ldc1 */
        qc_ade_set(d, QC_ADE_FPR, 8, false, false, rt);
        break;
    case 0x39: /* swc1 */
        qc_ade_set(d, QC_ADE_FPR, 4, true, false, rt);
        break;
    case 0x3d: /* sdc1 */
        qc_ade_set(d, QC_ADE_FPR, 8, true, false, rt);
        break;
    case 0x30: case 0x38: case 0x34: case 0x3c: /* ll sc lld scd */
    case 0x20: case 0x24: case 0x28:            /* lb lbu sb */
    case 0x22: case 0x26: case 0x2a: case 0x2e: /* lwl lwr swl swr */
    case 0x1a: case 0x1b: case 0x2c: case 0x2d: /* ldl ldr sdl sdr */
        d->action = QC_ADE_SIGBUS;
        break;
    case 0x13: /* COP1X, by function: the indexed FPU loads and stores */
        switch (insn & 0x3f) {
        case 0x00: /* lwxc1 fd, index(base) */
            qc_ade_set(d, QC_ADE_FPR, 4, false, false, fd);
            break;
        case 0x01: /* ldxc1 */
            qc_ade_set(d, QC_ADE_FPR, 8, false, false, fd);
            break;
        case 0x08: /* swxc1 fs, index(base) */
            qc_ade_set(d, QC_ADE_FPR, 4, true, false, rd);
            break;
        case 0x09: /* sdxc1 */
            qc_ade_set(d, QC_ADE_FPR, 8, true, false, rd);
            break;
        default:
            d->action = QC_ADE_SIGILL;
            break;
        }
        break;
    case 0x1f: /* SPECIAL3, by function */
        if ((insn & 0x3f) == 0x0a && !(env->insn_flags & ISA_MIPS_R6)) {
            /* DSP LX: lwx and lhx rd, index(base) */
            switch ((insn >> 6) & 0x1f) {
            case 0x00:
                qc_ade_set(d, QC_ADE_GPR, 4, false, true, rd);
                break;
            case 0x04:
                qc_ade_set(d, QC_ADE_GPR, 2, false, true, rd);
                break;
            default:
                d->action = QC_ADE_SIGILL;
                break;
            }
            break;
        }
        if ((env->insn_flags & ISA_MIPS_R6) &&
            ((insn & 0x3f) == 0x36 || (insn & 0x3f) == 0x26)) {
            d->action = QC_ADE_SIGBUS;  /* R6 ll, sc */
            break;
        }
        /* fall through */
    default:
        d->action = QC_ADE_SIGILL;
        break;
    }
    return true;
}

/* MIPS16e: 16-bit, or 32-bit with an EXTEND prefix (same fields). */
static bool qc_ade_decode_mips16(abi_ulong pc, QCAde *d)
{
    uint16_t op;
    int rx, ry;

    if (!qc_ade_code16(pc, &op)) {
        return false;
    }
    d->len = 2;
    if ((op >> 11) == 0x1e) { /* EXTEND */
        if (!qc_ade_code16(pc + 2, &op)) {
            return false;
        }
        d->len = 4;
    }
    rx = qc_reg3[(op >> 8) & 7];
    ry = qc_reg3[(op >> 5) & 7];
    switch (op >> 11) {
    case 0x11: /* lh ry, (rx) */
        qc_ade_set(d, QC_ADE_GPR, 2, false, true, ry);
        break;
    case 0x15: /* lhu */
        qc_ade_set(d, QC_ADE_GPR, 2, false, false, ry);
        break;
    case 0x13: /* lw */
        qc_ade_set(d, QC_ADE_GPR, 4, false, true, ry);
        break;
    case 0x12: /* lwsp rx */
    case 0x16: /* lwpc rx */
        qc_ade_set(d, QC_ADE_GPR, 4, false, true, rx);
        break;
    case 0x19: /* sh ry, (rx) */
        qc_ade_set(d, QC_ADE_GPR, 2, true, false, ry);
        break;
    case 0x1b: /* sw */
        qc_ade_set(d, QC_ADE_GPR, 4, true, false, ry);
        break;
    case 0x1a: /* swsp rx */
        qc_ade_set(d, QC_ADE_GPR, 4, true, false, rx);
        break;
    case 0x0c: /* I8 */
        if (((op >> 8) & 7) == 2) { /* swrasp: sw ra, (sp) */
            qc_ade_set(d, QC_ADE_GPR, 4, true, false, 31);
        } else {
            d->action = QC_ADE_SIGBUS;
        }
        break;
    case 0x10: case 0x14: case 0x18: /* lb lbu sb */
    case 0x1f:                       /* I64 */
        d->action = QC_ADE_SIGBUS;
        break;
    default:
        d->action = QC_ADE_SIGILL;
        break;
    }
    return true;
}

/* microMIPS (pre-R6): 16-bit when the major opcode's low 3 bits are 1-3. */
static bool qc_ade_decode_micromips(abi_ulong pc, QCAde *d)
{
    uint16_t hw, lo;
    uint32_t insn;
    int major, rt;

    if (!qc_ade_code16(pc, &hw)) {
        return false;
    }
    major = hw >> 10;
    if ((major & 7) >= 1 && (major & 7) <= 3) {
        int r3 = (hw >> 7) & 7;

        d->len = 2;
        switch (major) {
        case 0x0a: /* lhu16 */
            qc_ade_set(d, QC_ADE_GPR, 2, false, false, qc_reg3[r3]);
            break;
        case 0x1a: /* lw16 */
        case 0x19: /* lwgp16 */
            qc_ade_set(d, QC_ADE_GPR, 4, false, true, qc_reg3[r3]);
            break;
        case 0x2a: /* sh16 */
            qc_ade_set(d, QC_ADE_GPR, 2, true, false, qc_reg3_st[r3]);
            break;
        case 0x3a: /* sw16 */
            qc_ade_set(d, QC_ADE_GPR, 4, true, false, qc_reg3_st[r3]);
            break;
        case 0x12: /* lwsp16 */
            qc_ade_set(d, QC_ADE_GPR, 4, false, true, (hw >> 5) & 0x1f);
            break;
        case 0x32: /* swsp16 */
            qc_ade_set(d, QC_ADE_GPR, 4, true, false, (hw >> 5) & 0x1f);
            break;
        case 0x11: /* POOL16C: lwm16/swm16 (QEMU does them unaligned) */
            d->action = QC_ADE_SIGBUS;
            break;
        default:
            d->action = QC_ADE_SIGILL;
            break;
        }
        return true;
    }
    if (!qc_ade_code16(pc + 2, &lo)) {
        return false;
    }
    insn = ((uint32_t)hw << 16) | lo;
    rt = (insn >> 21) & 0x1f;
    d->len = 4;
    switch (major) {
    case 0x0f: /* lh32 */
        qc_ade_set(d, QC_ADE_GPR, 2, false, true, rt);
        break;
    case 0x0d: /* lhu32 */
        qc_ade_set(d, QC_ADE_GPR, 2, false, false, rt);
        break;
    case 0x3f: /* lw32 */
        qc_ade_set(d, QC_ADE_GPR, 4, false, true, rt);
        break;
    case 0x0e: /* sh32 */
        qc_ade_set(d, QC_ADE_GPR, 2, true, false, rt);
        break;
    case 0x3e: /* sw32 */
        qc_ade_set(d, QC_ADE_GPR, 4, true, false, rt);
        break;
    case 0x27: /* lwc1 */
        qc_ade_set(d, QC_ADE_FPR, 4, false, false, rt);
        break;
    case 0x2f: /* ldc1 */
        qc_ade_set(d, QC_ADE_FPR, 8, false, false, rt);
        break;
    case 0x26: /* swc1 */
        qc_ade_set(d, QC_ADE_FPR, 4, true, false, rt);
        break;
    case 0x2e: /* sdc1 */
        qc_ade_set(d, QC_ADE_FPR, 8, true, false, rt);
        break;
    case 0x00: /* POOL32A: lwxs rd, index(base) */
        if ((insn & 0x3f) == 0x18 && ((insn >> 6) & 0xf) == 0x4) {
            qc_ade_set(d, QC_ADE_GPR, 4, false, true, (insn >> 11) & 0x1f);
        } else {
            d->action = QC_ADE_SIGBUS;
        }
        break;
    case 0x08: /* POOL32B: lwp, swp rd, rd + 1 (rd 31: SIGBUS) */
        switch ((insn >> 12) & 0xf) {
        case 0x1:
        case 0x9:
            if (rt == 31) {
                d->action = QC_ADE_SIGBUS;
                break;
            }
            qc_ade_set(d, QC_ADE_GPR, 8, (insn >> 12) & 8, false, rt);
            d->pair = true;
            break;
        default: /* lwm, swm (QEMU does them unaligned) */
            d->action = QC_ADE_SIGBUS;
            break;
        }
        break;
    case 0x18: /* POOL32C (ll sc lwl lwr swl swr lwu) */
    case 0x15: /* POOL32F (lwxc1 ...) */
        d->action = QC_ADE_SIGBUS;
        break;
    default:
        d->action = QC_ADE_SIGILL;
        break;
    }
    return true;
}

/* The FPR value an FPU store writes, or store the value an FPU load read,
 * as QEMU's gen_load_fpr32/64 and gen_store_fpr32/64 do. */
static uint64_t qc_ade_fpr_get(CPUMIPSState *env, int reg, int size)
{
    fpr_t *f = env->active_fpu.fpr;

    if (size == 4) {
        return (uint32_t)f[reg].d;
    }
    if (env->hflags & MIPS_HFLAG_F64) {
        return f[reg].d;
    }
    return ((uint64_t)(uint32_t)f[reg | 1].d << 32) | (uint32_t)f[reg & ~1].d;
}

static void qc_ade_deposit32(fpr_t *f, uint32_t v)
{
    f->d = (f->d & ~(uint64_t)0xffffffff) | v;
}

static void qc_ade_fpr_set(CPUMIPSState *env, int reg, int size, uint64_t v)
{
    fpr_t *f = env->active_fpu.fpr;

    if (size == 4) {
        qc_ade_deposit32(&f[reg], v);
    } else if (env->hflags & MIPS_HFLAG_F64) {
        f[reg].d = v;
    } else {
        qc_ade_deposit32(&f[reg & ~1], v);
        qc_ade_deposit32(&f[reg | 1], v >> 32);
    }
}

/*
 * Past the emulated instruction: the next one, or, in a delay slot, where
 * its branch goes (translate.c gen_branch(): a taken likely branch, a
 * conditional one by bcond, one to a register switching ISA mode on its
 * low bit, jalx toggling it).
 */
static void qc_ade_advance(CPUMIPSState *env, int len)
{
    uint32_t br = env->hflags & MIPS_HFLAG_BMASK;
    target_ulong next = env->active_tc.PC + len;

    if (!br) {
        env->active_tc.PC = next;
        return;
    }
    env->hflags &= ~MIPS_HFLAG_BMASK;
    switch (br & MIPS_HFLAG_BMASK_BASE) {
    case MIPS_HFLAG_B:
        if (br & MIPS_HFLAG_BX) {
            env->hflags ^= MIPS_HFLAG_M16;
        }
        /* fall through */
    case MIPS_HFLAG_BL:
        env->active_tc.PC = env->btarget;
        break;
    case MIPS_HFLAG_BC:
        env->active_tc.PC = env->bcond ? env->btarget : next;
        break;
    case MIPS_HFLAG_BR:
        if (env->insn_flags & (ASE_MIPS16 | ASE_MICROMIPS)) {
            env->hflags &= ~MIPS_HFLAG_M16;
            env->hflags |= (env->btarget & 1) << MIPS_HFLAG_M16_SHIFT;
            env->active_tc.PC = env->btarget & ~(target_ulong)1;
        } else {
            env->active_tc.PC = env->btarget;
        }
        break;
    default: /* R6 forbidden slot */
        env->active_tc.PC = next;
        break;
    }
}

/* Do the decoded access at addr: false when the guest got a signal. */
static bool qc_ade_access(CPUMIPSState *env, const QCAde *d, abi_ulong addr)
{
    bool fpu = d->action == QC_ADE_FPR;
    uint8_t b[8];
    uint64_t v;

    if (fpu && d->size == 4 && !d->store &&
        (env->hflags & MIPS_HFLAG_FRE)) {
        force_sig(TARGET_SIGILL);   /* QEMU's gen_store_fpr32() with FRE */
        return false;
    }
    if ((addr | (addr + d->size - 1)) & QC_MIPS_UA_LIMIT) {
        if (fpu) {
            force_sig_fault(TARGET_SIGBUS, TARGET_BUS_ADRERR, addr);
        } else {
            force_sig(TARGET_SIGBUS);
        }
        return false;
    }
    if (d->store && d->pair) {
        qc_ade_to_bytes(env->active_tc.gpr[d->reg], b, 4);
        qc_ade_to_bytes(env->active_tc.gpr[d->reg + 1], b + 4, 4);
    } else if (d->store) {
        v = fpu ? qc_ade_fpr_get(env, d->reg, d->size)
                : env->active_tc.gpr[d->reg];
        qc_ade_to_bytes(v, b, d->size);
    }
    if (!qc_ade_copy(addr, b, d->size, d->store ? PAGE_WRITE : PAGE_READ)) {
        if (fpu) {
            force_sig_fault(TARGET_SIGSEGV,
                            page_get_flags(addr) & PAGE_VALID
                            ? TARGET_SEGV_ACCERR : TARGET_SEGV_MAPERR, addr);
        } else {
            force_sig(TARGET_SIGSEGV);
        }
        return false;
    }
    if (d->store) {
        return true;
    }
    if (d->pair) {
        if (d->reg != 0) {
            env->active_tc.gpr[d->reg] = qc_ade_from_bytes(b, 4);
        }
        env->active_tc.gpr[d->reg + 1] = qc_ade_from_bytes(b + 4, 4);
        return true;
    }
    v = qc_ade_from_bytes(b, d->size);
    if (fpu) {
        qc_ade_fpr_set(env, d->reg, d->size, v);
    } else if (d->reg != 0) {
        env->active_tc.gpr[d->reg] = d->size == 2
            ? (d->sign ? (target_ulong)(int16_t)v : (uint16_t)v)
            : (target_ulong)(int32_t)v;
    }
    return true;
}

void qc_mips_do_ade(CPUMIPSState *env)
{
    abi_ulong addr = env->CP0_BadVAddr;
    abi_ulong pc = env->active_tc.PC;
    bool isa16 = env->hflags & MIPS_HFLAG_M16;
    abi_ulong epc = pc;
    QCAde d = { 0 };
    bool ok;

    /* The kernel's EPC: the branch, for an instruction in its delay slot. */
    if (env->hflags & MIPS_HFLAG_BMASK) {
        epc -= env->hflags & MIPS_HFLAG_B16 ? 2 : 4;
    }
    if (addr == epc || env->qc_no_fixade) {
        force_sig(TARGET_SIGBUS);
        return;
    }
    if (!isa16) {
        ok = qc_ade_decode_mips32(env, pc, &d);
    } else if (env->insn_flags & ASE_MICROMIPS) {
        ok = qc_ade_decode_micromips(pc, &d);
    } else if (env->insn_flags & ASE_MIPS16) {
        ok = qc_ade_decode_mips16(pc, &d);
    } else {
        force_sig(TARGET_SIGBUS);
        return;
    }
    if (!ok) {
        force_sig(TARGET_SIGSEGV);  /* the code went away under us */
        return;
    }
    switch (d.action) {
    case QC_ADE_SIGBUS:
        force_sig(TARGET_SIGBUS);
        return;
    case QC_ADE_SIGILL:
        force_sig(TARGET_SIGILL);
        return;
    }
    if (qc_ade_access(env, &d, addr)) {
        qc_ade_advance(env, d.len);
    }
}

/* sysmips(MIPS_FIXADE, flags) (arch/mips/kernel/syscall.c): bit 0 turns the
 * emulation on or off for this thread, bit 1 its logging (no effect here). */
abi_long qc_mips_fixade(CPUMIPSState *env, abi_ulong flags)
{
    if (flags & ~3) {
        return -TARGET_EINVAL;
    }
    env->qc_no_fixade = !(flags & 1);
    return 0;
}

#endif /* TARGET_MIPS */
