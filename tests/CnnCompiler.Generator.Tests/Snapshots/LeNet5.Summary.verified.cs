Model: LeNet5
Layer (type)                 Output shape   Param #     FLOPs
-------------------------------------------------------------
input                        1×28×28              0         0
conv1 (Conv2D)               6×28×28            156   235,200
pool1 (MaxPool2D)            6×14×14              0         0
conv2 (Conv2D)               16×10×10         2,416   480,000
pool2 (MaxPool2D)            16×5×5               0         0
dense1 (Dense)               120             48,120    96,000
dense2 (Dense)               84              10,164    20,160
dense3 (Dense)               10                 850     1,680
loss (SoftmaxCrossEntropy)   10                   0         0
=============================================================
Total params: 61,706 (241.04 KiB)
Forward FLOPs per sample: 833,040 (0.833 MFLOP)
