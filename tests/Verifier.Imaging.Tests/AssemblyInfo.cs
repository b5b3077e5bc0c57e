// The corpus test reports decode times: other test classes running beside it on a 2-core machine would inflate them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
