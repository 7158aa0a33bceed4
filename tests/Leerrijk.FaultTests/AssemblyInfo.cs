// The checks start servers, kill them and restart the database: one at a time, so their figures are their own.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
