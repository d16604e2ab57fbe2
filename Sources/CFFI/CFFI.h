// libffi (Debian libffi-dev, found with pkg-config): calls a native metric whose signature is
// known only at run time, from its declaration on the command line.
#include <ffi.h>
#include <stdbool.h>
#include <stdint.h>

// libffi's type descriptors are mutable C globals; these give Swift their addresses without
// touching global mutable state from Swift code.
static inline ffi_type *cffi_type_pointer(void) { return &ffi_type_pointer; }
static inline ffi_type *cffi_type_sint32(void) { return &ffi_type_sint32; }
static inline ffi_type *cffi_type_sint64(void) { return &ffi_type_sint64; }
static inline ffi_type *cffi_type_uint64(void) { return &ffi_type_uint64; }
static inline ffi_type *cffi_type_uint8(void) { return &ffi_type_uint8; }
static inline ffi_type *cffi_type_float(void) { return &ffi_type_float; }
static inline ffi_type *cffi_type_double(void) { return &ffi_type_double; }
