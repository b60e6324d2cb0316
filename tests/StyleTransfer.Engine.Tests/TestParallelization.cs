// The engine's tests compare results bit for bit (a cache hit against a fresh engine, a resumed training against
// an uninterrupted one). CPU training switches oneDNN off for the whole process while it runs
// (NativeTorchSettings.WithoutOneDnn), and convolutions without oneDNN give other last bits
// (NativeTorchSettingsTests). So a class that trains changes the bytes of any class stylizing at the same time: such
// pairs differed in 3 of 7 full runs when classes ran in parallel. The classes run one after another.
// In a silo a training holds its whole node, so no stylization runs beside it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
