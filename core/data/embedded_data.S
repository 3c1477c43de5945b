/* RegLab's embedded data sets: the mnist-10k IDX files, assembled into the library. */
#define INCBIN(sym, file)                          \
    .section .rodata;                              \
    .global sym;                                   \
    .global sym##_end;                             \
    .balign 16;                                    \
sym:                                               \
    .incbin file;                                  \
sym##_end:                                         \
    .byte 0

INCBIN(reglab_mnist10k_images, REGLAB_MNIST_IMAGES)
INCBIN(reglab_mnist10k_labels, REGLAB_MNIST_LABELS)

.section .note.GNU-stack,"",@progbits
