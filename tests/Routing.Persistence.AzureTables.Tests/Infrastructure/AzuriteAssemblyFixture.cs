using Routing.Persistence.AzureTables.Tests.Infrastructure;

// One Azurite for every test in this assembly. Kept apart from AzuriteFixture.cs, which the cluster tests also
// compile: there only the Azure Table test class starts Azurite, not every failover test.
[assembly: AssemblyFixture(typeof(AzuriteFixture))]
