using StyleTransfer.Contracts;
using StyleTransfer.Silo.WebView;

namespace StyleTransfer.WebView.Tests;

public sealed class JobItemsQueryTests
{
    [Fact]
    public void States_parse_case_insensitively_and_empty_means_all()
    {
        Assert.Equal([ItemState.Succeeded, ItemState.Skipped], JobItemsQuery.ParseStates("Succeeded, skipped").Order());
        Assert.Equal(Enum.GetValues<ItemState>(), JobItemsQuery.ParseStates(null).Order());
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("failed,1")]
    public void An_unknown_state_is_refused_by_name(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => JobItemsQuery.ParseStates(text));
        Assert.Contains(text.Split(',').Last(), e.Message);
    }
}
