using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SixLabors.ImageSharp;
using StyleTransfer.Contracts;

namespace StyleTransfer.WebView.Tests;

/// <summary>The JSON API, outputs and study files against a real silo running real jobs.</summary>
[Collection(WebViewCollection.Name)]
public sealed class WebViewApiTests(WebViewHost host)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await host.Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        return JsonSerializer.Deserialize<JsonElement>(body, Json);
    }

    [Fact]
    public async Task Jobs_job_items_and_outputs_show_what_the_job_grains_report()
    {
        var corrupt = host.Images.Corrupt("api-corrupt.png");
        var style = host.Images.Style("api-style.png");
        await host.StartJobAsync("api-1", good: 2, iterations: 3,
            new JobItemSpec("broken", corrupt, [new StyleSpec(style)], "broken.png"));
        var status = await host.WaitAsync("api-1", TimeSpan.FromSeconds(60));
        await host.StartJobAsync("api-2", good: 1, iterations: 2);
        await host.StartJobAsync("api-2", good: 1, iterations: 2); // a second start registers nothing new
        Assert.Equal(1, (await host.WaitAsync("api-2", TimeSpan.FromSeconds(60))).Succeeded);

        // The list: newest first, each with the counts of its job grain.
        var list = await GetJsonAsync("/api/jobs?offset=0&count=100");
        var ids = list.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("jobId").GetString()).ToList();
        Assert.Equal(1, ids.Count(id => id == "api-2"));
        Assert.True(ids.IndexOf("api-2") < ids.IndexOf("api-1"), string.Join(", ", ids));
        Assert.Equal(ids.Count, list.GetProperty("total").GetInt32());
        var listed = list.GetProperty("jobs").EnumerateArray().Single(j => j.GetProperty("jobId").GetString() == "api-1").GetProperty("summary");
        AssertSummary(status, listed);
        var second = await GetJsonAsync($"/api/jobs?offset={ids.IndexOf("api-1")}&count=1");
        Assert.Equal("api-1", Assert.Single(second.GetProperty("jobs").EnumerateArray()).GetProperty("jobId").GetString());

        // The job: summary and nodes.
        var job = await GetJsonAsync("/api/jobs/api-1");
        AssertSummary(status, job.GetProperty("job"));
        var node = Assert.Single(job.GetProperty("nodes").EnumerateArray());
        Assert.Equal(status.Nodes.Single().NodeId, node.GetProperty("nodeId").GetString());
        Assert.StartsWith("cpu", node.GetProperty("device").GetString());
        Assert.Equal(1, node.GetProperty("capacity").GetInt32());
        Assert.Empty(job.GetProperty("runningItems").EnumerateArray());
        using (var missing = await host.Http.GetAsync("/api/jobs/no-such-job"))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // Items by state.
        var failed = await GetJsonAsync("/api/jobs/api-1/items?state=failed");
        var broken = Assert.Single(failed.GetProperty("items").EnumerateArray());
        Assert.Equal("broken", broken.GetProperty("itemId").GetString());
        Assert.Contains("api-corrupt.png", broken.GetProperty("failureReason").GetString());
        Assert.False(broken.GetProperty("hasOutput").GetBoolean());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("nextPage").ValueKind);
        var outputs = (await GetJsonAsync("/api/jobs/api-1/items?state=succeeded,skipped")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["good0", "good1"], outputs.Select(o => o.GetProperty("itemId").GetString()).Order());
        Assert.All(outputs, o => Assert.True(o.GetProperty("hasOutput").GetBoolean()));
        // A job page is read whole; the cursor then points past it, where nothing is left.
        var firstPage = await GetJsonAsync("/api/jobs/api-1/items?limit=1");
        Assert.Equal(3, firstPage.GetProperty("items").GetArrayLength());
        Assert.Equal(1, firstPage.GetProperty("nextPage").GetInt32());
        var rest = await GetJsonAsync("/api/jobs/api-1/items?page=1");
        Assert.Equal(0, rest.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextPage").ValueKind);
        using (var bad = await host.Http.GetAsync("/api/jobs/api-1/items?state=bogus"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("bogus", await bad.Content.ReadAsStringAsync());
        }

        // Outputs: the stored bytes, and a thumbnail that decodes.
        using (var full = await host.Http.GetAsync("/api/jobs/api-1/output?page=0&item=good1"))
        {
            Assert.Equal(HttpStatusCode.OK, full.StatusCode);
            Assert.Equal("image/png", full.Content.Headers.ContentType?.MediaType);
            Assert.Equal(await host.Store.ReadAsync("api-1/good1.png"), await full.Content.ReadAsByteArrayAsync());
        }
        using (var thumbnail = await host.Http.GetAsync("/api/jobs/api-1/thumbnail?page=0&item=good0"))
        {
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
            using var image = Image.Load(await thumbnail.Content.ReadAsByteArrayAsync());
            Assert.Equal((64, 64), (image.Width, image.Height)); // smaller than 160 px: kept
        }
        using (var none = await host.Http.GetAsync("/api/jobs/api-1/output?page=0&item=broken"))
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        using (var otherPage = await host.Http.GetAsync("/api/jobs/api-1/output?page=1&item=good1"))
            Assert.Equal(HttpStatusCode.NotFound, otherPage.StatusCode);

        // Nodes.
        var nodes = await GetJsonAsync("/api/nodes");
        Assert.Equal(status.Nodes.Single().NodeId, Assert.Single(nodes.EnumerateArray()).GetProperty("nodeId").GetString());
    }

    static void AssertSummary(JobStatus status, JsonElement summary)
    {
        Assert.Equal(status.JobId, summary.GetProperty("jobId").GetString());
        Assert.Equal("finished", summary.GetProperty("state").GetString());
        Assert.Equal(status.Total, summary.GetProperty("total").GetInt32());
        Assert.Equal(status.Succeeded, summary.GetProperty("succeeded").GetInt32());
        Assert.Equal(status.Failed, summary.GetProperty("failed").GetInt32());
        Assert.Equal(status.Skipped, summary.GetProperty("skipped").GetInt32());
        Assert.Equal(status.Total, summary.GetProperty("done").GetInt32());
        Assert.Equal(status.StartedAt, summary.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("etaSeconds").ValueKind);
    }

    [Fact]
    public async Task Study_pages_serve_public_files_of_studies_only()
    {
        var html = Encoding.UTF8.GetBytes("<!doctype html><title>study</title>");
        var none = new Dictionary<string, string>();
        await host.Store.CommitAsync("studies/s1/public/index.html", html, none);
        await host.Store.CommitAsync("studies/s1/public/images/a1.png", new byte[] { 1, 2, 3 }, none);
        await host.Store.CommitAsync("studies/s1/public/crowd/batch.csv", Encoding.UTF8.GetBytes("a,b\n1,2\n"), none);
        await host.Store.CommitAsync("studies/s1/key/study.json", Encoding.UTF8.GetBytes("{\"secret\":1}"), none);
        await host.Store.CommitAsync("studies/s1/public/key/trials.jsonl", Encoding.UTF8.GetBytes("{}"), none);
        await host.Store.CommitAsync("not-a-study/public/x.png", new byte[] { 4 }, none);

        var studies = (await GetJsonAsync("/api/studies")).EnumerateArray().ToList();
        var study = Assert.Single(studies, s => s.GetProperty("prefix").GetString() == "studies/s1");
        Assert.Equal("/studies/studies/s1/public/index.html", study.GetProperty("url").GetString());
        Assert.DoesNotContain(studies, s => s.GetProperty("prefix").GetString() == "not-a-study");

        await AssertServedAsync("/studies/studies/s1/public/index.html", "text/html", html);
        await AssertServedAsync("/studies/studies/s1/public/images/a1.png", "image/png", [1, 2, 3]);
        await AssertServedAsync("/studies/studies/s1/public/crowd/batch.csv", "text/csv", Encoding.UTF8.GetBytes("a,b\n1,2\n"));
        foreach (var refused in new[]
                 {
                     "/studies/studies/s1/key/study.json", "/studies/studies/s1/public/key/trials.jsonl",
                     "/studies/studies/s1/public/%2e%2e/key/study.json", "/studies/studies/s1/public/..%2Fkey/study.json",
                     "/studies/not-a-study/public/x.png", "/studies/studies/s1/public/missing.png", "/studies/studies/s1/public",
                 })
        {
            using var response = await host.Http.GetAsync(refused);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{refused}: {(int)response.StatusCode}");
        }
    }

    async Task AssertServedAsync(string url, string mediaType, byte[] content)
    {
        using var response = await host.Http.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Pages_and_assets_are_served_with_a_content_security_policy()
    {
        foreach (var (url, mediaType) in new[] { ("/", "text/html"), ("/job?id=x", "text/html"), ("/assets/job.js", "text/javascript"), ("/assets/webview.css", "text/css") })
        {
            using var response = await host.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, url);
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
        using var missing = await host.Http.GetAsync("/assets/nothing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
