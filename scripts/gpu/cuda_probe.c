/*
 * cuda-probe: opens the CUDA driver (libcuda.so.1) the way a CUDA program such as llama-server
 * does, lists the devices, and on device 0 creates a context and allocates 64 MiB. It proves
 * that a container's device flags and driver files are enough for compute, not only for
 * nvidia-smi. Built by scripts/gpu/prepare.sh; run by scripts/gpu/device-check.sh.
 *
 * Exit status: 0 all steps passed, 1 a CUDA call failed, 2 libcuda.so.1 could not be loaded.
 */
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>

typedef int (*cu_init_t)(unsigned int);
typedef int (*cu_driver_get_version_t)(int *);
typedef int (*cu_device_get_count_t)(int *);
typedef int (*cu_device_get_t)(int *, int);
typedef int (*cu_device_get_name_t)(char *, int, int);
typedef int (*cu_device_total_mem_t)(size_t *, int);
typedef int (*cu_ctx_create_t)(void **, unsigned int, int);
typedef int (*cu_ctx_destroy_t)(void *);
typedef int (*cu_mem_alloc_t)(unsigned long long *, size_t);
typedef int (*cu_mem_free_t)(unsigned long long);

static void *sym(void *lib, const char *name) {
    void *p = dlsym(lib, name);
    if (p == NULL) {
        fprintf(stderr, "cuda-probe: %s not found in libcuda.so.1\n", name);
    }
    return p;
}

static int check(int rc, const char *what) {
    if (rc != 0) {
        printf("cuda-probe: %s failed: CUresult %d\n", what, rc);
    }
    return rc;
}

int main(void) {
    void *lib = dlopen("libcuda.so.1", RTLD_NOW);
    if (lib == NULL) {
        printf("cuda-probe: cannot load libcuda.so.1: %s\n", dlerror());
        return 2;
    }
    cu_init_t cu_init = (cu_init_t)sym(lib, "cuInit");
    cu_driver_get_version_t cu_driver_get_version = (cu_driver_get_version_t)sym(lib, "cuDriverGetVersion");
    cu_device_get_count_t cu_device_get_count = (cu_device_get_count_t)sym(lib, "cuDeviceGetCount");
    cu_device_get_t cu_device_get = (cu_device_get_t)sym(lib, "cuDeviceGet");
    cu_device_get_name_t cu_device_get_name = (cu_device_get_name_t)sym(lib, "cuDeviceGetName");
    cu_device_total_mem_t cu_device_total_mem = (cu_device_total_mem_t)sym(lib, "cuDeviceTotalMem_v2");
    cu_ctx_create_t cu_ctx_create = (cu_ctx_create_t)sym(lib, "cuCtxCreate_v2");
    cu_ctx_destroy_t cu_ctx_destroy = (cu_ctx_destroy_t)sym(lib, "cuCtxDestroy_v2");
    cu_mem_alloc_t cu_mem_alloc = (cu_mem_alloc_t)sym(lib, "cuMemAlloc_v2");
    cu_mem_free_t cu_mem_free = (cu_mem_free_t)sym(lib, "cuMemFree_v2");
    if (!cu_init || !cu_driver_get_version || !cu_device_get_count || !cu_device_get || !cu_device_get_name ||
        !cu_device_total_mem || !cu_ctx_create || !cu_ctx_destroy || !cu_mem_alloc || !cu_mem_free) {
        return 2;
    }
    if (check(cu_init(0), "cuInit")) {
        return 1;
    }
    int version = 0, count = 0;
    if (check(cu_driver_get_version(&version), "cuDriverGetVersion") ||
        check(cu_device_get_count(&count), "cuDeviceGetCount")) {
        return 1;
    }
    printf("cuda-probe: driver CUDA %d.%d, %d device(s)\n", version / 1000, (version % 1000) / 10, count);
    for (int i = 0; i < count; i++) {
        int dev = 0;
        char name[256] = {0};
        size_t mem = 0;
        if (check(cu_device_get(&dev, i), "cuDeviceGet") ||
            check(cu_device_get_name(name, (int)sizeof name, dev), "cuDeviceGetName") ||
            check(cu_device_total_mem(&mem, dev), "cuDeviceTotalMem")) {
            return 1;
        }
        printf("cuda-probe: device %d: %s, %zu MiB\n", i, name, mem >> 20);
    }
    if (count == 0) {
        return 1;
    }
    void *ctx = NULL;
    unsigned long long ptr = 0;
    int dev0 = 0;
    if (check(cu_device_get(&dev0, 0), "cuDeviceGet") || check(cu_ctx_create(&ctx, 0, dev0), "cuCtxCreate") ||
        check(cu_mem_alloc(&ptr, (size_t)64 << 20), "cuMemAlloc")) {
        return 1;
    }
    check(cu_mem_free(ptr), "cuMemFree");
    check(cu_ctx_destroy(ctx), "cuCtxDestroy");
    printf("cuda-probe: device 0: context created, 64 MiB allocated and freed\n");
    return 0;
}
