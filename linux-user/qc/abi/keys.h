/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * abi/keys.h: the guest layouts of keyctl's structs
 * (include/uapi/linux/keyctl.h; compat_keyctl_kdf_params in
 * security/keys/internal.h), used by sys/keys.c.
 *
 * Needs QEMU's headers (abi_* types, QEMU_BUILD_BUG_ON): include it after
 * "qemu.h".
 */
#ifndef QC_ABI_KEYS_H
#define QC_ABI_KEYS_H

/* the layouts of include/uapi/linux/keyctl.h's fixed-width structs, for
 * qc_swap_fields() (guest-access.h): struct keyctl_dh_params { __s32 private, prime, base; } */
#define QC_KEYCTL_DH_PARAMS_LAYOUT "444"
/* struct keyctl_pkey_params { __s32 key_id; __u32 in_len; __u32 out_len
 * (or in2_len); __u32 __spare[7]; } */
#define QC_KEYCTL_PKEY_PARAMS_SIZE 40
#define QC_KEYCTL_PKEY_PARAMS_LAYOUT "4444444444"
/* struct keyctl_pkey_query { __u32 supported_ops, key_size; __u16
 * max_data_size, max_sig_size, max_enc_size, max_dec_size; __u32
 * __spare[10]; } */
#define QC_KEYCTL_PKEY_QUERY_SIZE 56
#define QC_KEYCTL_PKEY_QUERY_LAYOUT "442222" "4444444444"

/* matches struct compat_keyctl_kdf_params in security/keys/internal.h */
struct target_keyctl_kdf_params {
    abi_ulong hashname;
    abi_ulong otherinfo;
    uint32_t otherinfolen;
    uint32_t spare[8];
};
QEMU_BUILD_BUG_ON(sizeof(struct target_keyctl_kdf_params) != 44);

#endif
