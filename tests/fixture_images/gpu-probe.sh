#!/bin/sh
# Stand-in for the GPU probe tools of the real llama.cpp images. Installed under the
# real tool's name (nvidia-smi, rocm-smi, vulkaninfo), it reports one device and
# succeeds only when the device node that tool needs is present in the container.
set -eu

tool=$(basename "$0")
case "$tool" in
    nvidia-smi) node=/dev/nvidia0 device="GPU 0: Fixture NVIDIA GPU (UUID: GPU-00000000-0000-0000-0000-000000000000)" ;;
    rocm-smi) node=/dev/kfd device="GPU[0] : Card series: Fixture AMD GPU" ;;
    vulkaninfo) node=/dev/dri device="GPU0: deviceName = Fixture Vulkan GPU" ;;
    *)
        echo "${tool}: not a known GPU probe name" >&2
        exit 2
        ;;
esac

if [ -e "$node" ]; then
    echo "$device"
    exit 0
fi
echo "${tool}: no GPU found (${node} is missing)" >&2
exit 1
