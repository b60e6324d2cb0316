using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StyleTransfer.Contracts;
using StyleTransfer.Silo.WebView;
using StyleTransfer.Storage;

namespace StyleTransfer.Silo;

/// <summary>
/// The silo's web view of jobs: pages "/" (jobs, nodes, studies) and "/job?id=…" (one job), their JSON API under
/// "/api", the outputs of jobs (full size and thumbnails) and the public files of study packages under "/studies/…".
/// It reads the grains <c>styletransfer status</c> and <c>results</c> read (job, job pages, node directory) plus the
/// job directory, and the silo's result store; it computes nothing of its own.
/// </summary>
public static class WebViewEndpoints
{
    /// <summary>The web view's pages load their script, style and data from this host only.</summary>
    const string PageSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapStyleTransferWebView(this IEndpointRouteBuilder app)
    {
        var thumbnails = new Lazy<Thumbnails>(() => new Thumbnails(app.ServiceProvider.GetRequiredService<IResultStore>()));

        app.MapGet("/", (HttpContext http) => Asset(http, "index.html"));
        app.MapGet("/job", (HttpContext http) => Asset(http, "job.html"));
        app.MapGet("/assets/{file}", (HttpContext http, string file) => Asset(http, file));

        var api = app.MapGroup("/api");
        api.MapGet("/jobs", ListJobsAsync);
        api.MapGet("/jobs/{id}", async (string id, IGrainFactory grains) =>
        {
            var status = await grains.GetGrain<IJobGrain>(id).GetStatusAsync();
            return status.IsStarted ? Results.Ok(JobView.Of(status)) : NotFound($"no job '{id}' on this cluster");
        });
        api.MapGet("/jobs/{id}/items", async (string id, string? state, int? page, int? limit, IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            IReadOnlySet<ItemState> states;
            try
            {
                states = JobItemsQuery.ParseStates(state);
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
            return Results.Ok(await JobItemsQuery.RunAsync(grains.GetGrain<IJobGrain>(id), states, page ?? 0, limit ?? 50, cancellationToken));
        });
        api.MapGet("/jobs/{id}/output", async (HttpContext http, string id, int page, string item, IGrainFactory grains, IResultStore store) =>
        {
            if (await OutputNameAsync(grains, id, page, item) is not string name) return NotFound($"job '{id}' has no output for item '{item}' on page {page}");
            try
            {
                var bytes = await store.ReadAsync(name, http.RequestAborted);
                NoSniff(http);
                return Results.File(bytes, ContentTypes.ForName(name));
            }
            catch (FileNotFoundException)
            {
                return NotFound($"the output '{name}' is not in the result store");
            }
        });
        api.MapGet("/jobs/{id}/thumbnail", async (HttpContext http, string id, int page, string item, IGrainFactory grains) =>
        {
            if (await OutputNameAsync(grains, id, page, item) is not string name) return NotFound($"job '{id}' has no output for item '{item}' on page {page}");
            try
            {
                var png = await thumbnails.Value.GetAsync(name, http.RequestAborted);
                if (png is null) return NotFound($"the output '{name}' is not in the result store");
                http.Response.Headers.CacheControl = "private, max-age=60";
                NoSniff(http);
                return Results.File(png, "image/png");
            }
            catch (InvalidDataException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status415UnsupportedMediaType);
            }
        });
        api.MapGet("/nodes", async (IGrainFactory grains) =>
            (await grains.GetGrain<INodeDirectoryGrain>(0).GetNodesAsync()).Select(NodeView.Of).ToList());
        api.MapGet("/studies", async (IResultStore store, CancellationToken cancellationToken) =>
            (await StudyFiles.ListAsync(store, cancellationToken)).Select(p => new StudyView(p, StudyUrl(StudyFiles.IndexOf(p)))).ToList());

        app.MapGet("/studies/{**path}", ServeStudyFileAsync);
        return app;
    }

    static async Task<IResult> ListJobsAsync(int? offset, int? count, IGrainFactory grains)
    {
        var directory = await grains.GetGrain<IJobDirectoryGrain>(IJobDirectoryGrain.Key).ListAsync(offset ?? 0, Math.Clamp(count ?? 20, 1, 100));
        var entries = await Task.WhenAll(directory.Jobs.Select(async entry =>
        {
            try
            {
                return new JobListEntry(entry.JobId, entry.StartedAt, JobSummaryView.Of(await grains.GetGrain<IJobGrain>(entry.JobId).GetStatusAsync()), null);
            }
            catch (Exception e)
            {
                return new JobListEntry(entry.JobId, entry.StartedAt, null, e.Message.Split('\n')[0]);
            }
        }));
        return Results.Ok(new JobListView(entries, Math.Max(0, offset ?? 0), directory.Total));
    }

    static async Task<string?> OutputNameAsync(IGrainFactory grains, string jobId, int page, string itemId)
    {
        var item = await JobItemsQuery.FindAsync(grains.GetGrain<IJobGrain>(jobId), page, itemId);
        return item is not null && ItemView.HasOutputOf(item) ? item.OutputName : null;
    }

    /// <summary>Only files under a study's public/ folder, of a study whose public/index.html exists; never its key/.</summary>
    static async Task<IResult> ServeStudyFileAsync(HttpContext http, IResultStore store)
    {
        var name = http.Request.Path.Value!["/studies/".Length..];
        if (StudyFiles.PublicPrefixOf(name, out var reason) is not string prefix) return NotFound(reason);
        if (await store.GetAsync(StudyFiles.IndexOf(prefix), http.RequestAborted) is null) return NotFound($"no study at '{prefix}'");
        try
        {
            var bytes = await store.ReadAsync(name, http.RequestAborted);
            NoSniff(http);
            return Results.Bytes(bytes, StudyFiles.ContentTypeOf(name));
        }
        catch (FileNotFoundException)
        {
            return NotFound($"no file '{name}'");
        }
    }

    static string StudyUrl(string name) => "/studies/" + string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

    static IResult Asset(HttpContext http, string file)
    {
        if (WebAssets.Get(file) is not byte[] bytes) return Results.NotFound();
        NoSniff(http);
        http.Response.Headers.ContentSecurityPolicy = PageSecurityPolicy;
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(bytes, WebAssets.ContentTypeOf(file));
    }

    static void NoSniff(HttpContext http) => http.Response.Headers.XContentTypeOptions = "nosniff";

    static IResult NotFound(string message) => Results.NotFound(new { error = message });
}
