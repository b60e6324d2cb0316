using StyleTransfer.Storage;

namespace StyleTransfer.Storage.Tests;

public sealed class BlobMetadataCodecTests
{
    [Theory]
    [InlineData("params-hash", "params_hash")]
    [InlineData("method", "method")]
    [InlineData("a-b-c", "a_b_c")]
    public void Keys_map_dashes_to_underscores_and_back(string key, string stored)
    {
        Assert.Equal(stored, BlobMetadataCodec.EncodeKey(key));
        Assert.Equal(key, BlobMetadataCodec.DecodeKey(stored));
    }

    [Theory]
    [InlineData("plain ascii value", "plain ascii value")]
    [InlineData("100%", "100%25")]
    [InlineData("café", "caf%C3%A9")]
    [InlineData(" padded ", "%20padded%20")]
    [InlineData("emoji 🎨", "emoji %F0%9F%8E%A8")]
    [InlineData("line\nbreak", "line%0Abreak")]
    public void Values_are_ascii_header_safe_and_round_trip(string value, string stored)
    {
        Assert.Equal(stored, BlobMetadataCodec.EncodeValue(value));
        Assert.Equal(value, BlobMetadataCodec.DecodeValue(stored));
    }
}
