using HotRepos.Jobs;

namespace HotRepos.Tests.Jobs;

public sealed class InMemoryJobStoreTests : JobStoreContractTests
{
    protected override IJobStore CreateSut() => new InMemoryJobStore();
}
