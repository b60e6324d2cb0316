using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StyleTransfer.Storage;

namespace StyleTransfer.Storage.Tests;

public sealed class ResultStoreRegistrationTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "styletransfer-di-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void AddResultStore_with_a_delegate_registers_one_local_store()
    {
        using var provider = new ServiceCollection()
            .AddResultStore(o => o.Path = _root)
            .BuildServiceProvider();

        var store = provider.GetRequiredService<IResultStore>();

        var local = Assert.IsType<LocalFolderResultStore>(store);
        Assert.Equal(Path.GetFullPath(_root), local.RootPath);
        Assert.Same(store, provider.GetRequiredService<IResultStore>());
    }

    [Fact]
    public void AddResultStore_binds_a_configuration_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ResultStore:Kind"] = "Azure",
                ["ResultStore:ConnectionString"] = "UseDevelopmentStorage=true",
                ["ResultStore:Container"] = "results",
            })
            .Build();
        using var provider = new ServiceCollection()
            .AddResultStore(configuration.GetSection("ResultStore"))
            .BuildServiceProvider();

        var store = Assert.IsType<AzureBlobResultStore>(provider.GetRequiredService<IResultStore>());

        Assert.Equal("results", store.Container.Name);
    }

    [Fact]
    public void Missing_options_fail_resolution_naming_the_option()
    {
        using var provider = new ServiceCollection()
            .AddResultStore(o => o.Kind = "azure")
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IResultStore>());

        Assert.Contains("ResultStoreOptions.ConnectionString", error.Message);
        Assert.Contains("ResultStoreOptions.Container", error.Message);
    }

    [Theory]
    [InlineData("local", null, null, null, "ResultStoreOptions.Path")]
    [InlineData("azure", null, null, "results", "ResultStoreOptions.ConnectionString")]
    [InlineData("azure", null, "UseDevelopmentStorage=true", null, "ResultStoreOptions.Container")]
    [InlineData("azure", null, "UseDevelopmentStorage=true", "Bad_Name", "ResultStoreOptions.Container 'Bad_Name'")]
    [InlineData("s3", "/tmp", null, null, "ResultStoreOptions.Kind 's3'")]
    public void Factory_rejects_incomplete_options_naming_the_option(
        string kind, string? path, string? connectionString, string? container, string expected)
    {
        var options = new ResultStoreOptions { Kind = kind, Path = path, ConnectionString = connectionString, Container = container };

        var error = Assert.Throws<OptionsValidationException>(() => ResultStoreFactory.Create(options));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Factory_builds_the_store_the_kind_names()
    {
        Assert.IsType<LocalFolderResultStore>(ResultStoreFactory.Create(new ResultStoreOptions { Path = _root }));
        Assert.IsType<AzureBlobResultStore>(ResultStoreFactory.Create(new ResultStoreOptions
        {
            Kind = "azure", ConnectionString = "UseDevelopmentStorage=true", Container = "results",
        }));
    }
}
