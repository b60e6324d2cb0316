// The engine's tests compare results bit for bit (a cache hit against a fresh engine, a resumed training against
// an uninterrupted one). With test classes running torch work at the same time in this process, such pairs differed
// in the last bits in 3 of 7 full runs of this project (never with a class run alone); the cause is not found. So the
// classes run one after another, and every exact comparison keeps its assertion.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
