using Microsoft.Playwright;

namespace StyleTransfer.Studies.Tests;

/// <summary>Debian's chromium driven by Playwright (Playwright's own browser download is never used).</summary>
public static class Chromium
{
    public static string ExecutablePath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("STYLETRANSFER_CHROMIUM") is { Length: > 0 } given ? given : "/usr/bin/chromium";
            if (!File.Exists(path))
                throw new InvalidOperationException($"chromium not found at {path}: install Debian's chromium package (scripts/test.sh does) or set STYLETRANSFER_CHROMIUM");
            return path;
        }
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }
}
