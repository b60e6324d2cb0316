using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StyleTransfer.Contracts;

namespace StyleTransfer.WebView.Tests;

/// <summary>
/// The job page in headless Chromium (Debian's, at STYLETRANSFER_CHROMIUM or /usr/bin/chromium; Playwright's own
/// browser download is not used): from the jobs list to a running job, its progress, then its outputs and a failed
/// item whose name and reason carry markup, a terminal escape and a bidi override.
/// Set STYLETRANSFER_WEBVIEW_SCREENSHOTS to a folder to keep screenshots of the page.
/// </summary>
[Collection(WebViewCollection.Name)]
public sealed class JobPageBrowserTests(WebViewHost host)
{
    /// <summary>What the page must show instead of control and bidi characters (the page's clean() in webview.js).</summary>
    static readonly Regex Unsafe = new("[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]");

    static string Neutralized(string text) => Unsafe.Replace(text, m => $"\\u{(int)m.Value[0]:X4}");

    public static string ChromiumPath() =>
        Environment.GetEnvironmentVariable("STYLETRANSFER_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : throw new InvalidOperationException("no Chromium: install Debian's chromium package (scripts/test.sh does) or set STYLETRANSFER_CHROMIUM");

    record Observation(string State, string Label, int RunningRows);

    [Fact]
    public async Task Job_page_shows_a_running_jobs_progress_then_its_outputs_and_a_failed_item_with_its_reason()
    {
        const int good = 4;
        var hostile = host.Images.Corrupt("bad\u001b[31m<img src=x onerror=window.pwned=1>\u202Egnp.png");
        var style = host.Images.Style("browser-style.png");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 1100 } });
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.Contains("404")) errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);

        // Before the job exists the page says so. Once an item runs, the page (loaded again, so it asks at once
        // rather than at its next 2 s tick) must show the job running, then follow it to its end.
        await page.GotoAsync(host.BaseUrl + "/job?id=browser-1");
        await page.Locator("#error", new PageLocatorOptions { HasText = "no job" }).WaitForAsync();
        var started = DateTime.UtcNow;
        await host.StartJobAsync("browser-1", good, iterations: 40,
            new JobItemSpec("hostile", hostile, [new StyleSpec(style)], "<img src=x onerror=window.pwned=2>.png"));
        var job = host.Client.GetGrain<IJobGrain>("browser-1");
        for (var status = await job.GetStatusAsync(); status.Running == 0; status = await job.GetStatusAsync())
        {
            Assert.False(status.IsComplete || DateTime.UtcNow > started.AddSeconds(120), "no item of the job ever ran: " + status);
            await Task.Delay(50);
        }
        await page.ReloadAsync();

        // Progress while it runs, until it is finished.
        var seen = new List<Observation>();
        bool runningShot = false;
        var deadline = DateTime.UtcNow.AddSeconds(150); // generous for a loaded machine
        while (true)
        {
            var observation = new Observation(await page.Locator("#state").TextContentAsync() ?? "",
                await page.Locator("#progress-label").TextContentAsync() ?? "",
                await page.Locator("#running tbody tr:not(:has(.empty))").CountAsync());
            if (seen.Count == 0 || seen[^1] != observation)
            {
                seen.Add(observation);
                if (observation is { State: "running", RunningRows: > 0 } && !observation.Label.StartsWith("0/") && !runningShot)
                {
                    runningShot = true;
                    await ScreenshotAsync(page, "web-view-running.png");
                }
            }
            if (observation.State == "finished") break;
            Assert.True(DateTime.UtcNow < deadline, "the page never showed the job finished: " + string.Join(" | ", seen));
            await Task.Delay(150);
        }
        var log = $"{(DateTime.UtcNow - started).TotalSeconds:0.0} s: " + string.Join(" | ", seen);
        Assert.True(seen.Any(o => o.State == "running" && o.RunningRows > 0), "the page never showed the job running: " + log);
        Assert.True(seen.Select(o => o.Label).Distinct().Count() >= 2, "progress never moved: " + log);
        Assert.Equal($"{good + 1}/{good + 1} done (100%)", seen[^1].Label);
        Assert.True(await page.Locator("#error").IsHiddenAsync());

        // Every output as a loaded thumbnail, linking to the full image.
        await page.WaitForFunctionAsync(
            "n => { const images = [...document.querySelectorAll('#gallery img')]; return images.length === n && images.every(i => i.complete && i.naturalWidth > 0); }",
            good, new PageWaitForFunctionOptions { Timeout = 20_000 });
        var full = await page.RunAndWaitForPopupAsync(() => page.Locator("#gallery a").First.ClickAsync());
        await full.WaitForLoadStateAsync();
        Assert.Contains("/output?", full.Url);
        Assert.Equal(64, await full.EvaluateAsync<int>("() => document.images[0].naturalWidth"));
        await full.CloseAsync();

        // The failed item: its name and reason as text, control and bidi characters shown as \uXXXX, nothing injected.
        var failed = page.Locator("#failed tbody tr.failed-item");
        await failed.First.WaitForAsync();
        Assert.Equal(1, await failed.CountAsync());
        var api = await host.Http.GetFromJsonAsync<JsonElement>("/api/jobs/browser-1/items?state=failed");
        var reason = api.GetProperty("items")[0].GetProperty("failureReason").GetString()!;
        var shownReason = await failed.Locator("td.reason").TextContentAsync();
        Assert.Equal(Neutralized(reason.Split('\n')[0]), shownReason);
        Assert.Contains("gnp.png", shownReason);
        Assert.DoesNotMatch(Unsafe, shownReason!);
        Assert.Equal("browser-1/<img src=x onerror=window.pwned=2>.png", await failed.Locator("td.name").First.TextContentAsync());
        Assert.Equal(0, await page.Locator("#failed img").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));
        Assert.Empty(errors);
        await ScreenshotAsync(page, "web-view.png");

        // The jobs list shows it finished and links to its page.
        await page.GotoAsync(host.BaseUrl + "/");
        var row = page.Locator("#jobs tbody tr", new PageLocatorOptions { Has = page.Locator("a", new PageLocatorOptions { HasText = "browser-1" }) });
        await row.Locator(".badge.finished").WaitForAsync();
        Assert.Contains($"{good + 1}/{good + 1} done", await row.Locator(".label").TextContentAsync());
        await page.Locator("#nodes tbody td", new PageLocatorOptions { HasText = "cpu" }).WaitForAsync();
        await ScreenshotAsync(page, "web-view-jobs.png");
        await row.Locator("a").ClickAsync();
        await page.WaitForURLAsync("**/job?id=browser-1");
        Assert.Empty(errors);
    }

    static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("STYLETRANSFER_WEBVIEW_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
    }
}
