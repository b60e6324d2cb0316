using Spectre.Console;
using StyleTransfer.Contracts;

namespace StyleTransfer.Cli.Running;

/// <summary>For terminals: a Spectre.Console progress display with the job's counts and ETA and a bar per running item.</summary>
public sealed class LiveProgressView(IAnsiConsole console) : IProgressView
{
    public async Task<T> RunAsync<T>(Func<Action<JobStatus>, Task<T>> watch)
    {
        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 20 },
                new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var overall = context.AddTask("submitting", maxValue: 1);
                var running = new Dictionary<string, ProgressTask>();
                var result = await watch(status => Render(context, overall, running, status));
                overall.Value = overall.MaxValue;
                overall.StopTask();
                foreach (var task in running.Values) task.StopTask();
                return result;
            });
    }

    static void Render(ProgressContext context, ProgressTask overall, Dictionary<string, ProgressTask> running, JobStatus status)
    {
        overall.MaxValue = Math.Max(1, status.Total);
        overall.Value = ProgressText.Done(status);
        overall.Description = Markup.Escape(ProgressText.Compact(status));

        var now = status.Items.Where(i => i.State == ItemState.Running).ToDictionary(i => i.ItemId);
        foreach (var (id, task) in running.Where(r => !now.ContainsKey(r.Key)).ToList())
        {
            task.Value = task.MaxValue;
            task.StopTask();
            running.Remove(id);
        }
        foreach (var item in now.Values)
        {
            if (!running.TryGetValue(item.ItemId, out var task))
                running[item.ItemId] = task = context.AddTask(Markup.Escape($"  {SafeText.Escape(item.OutputName)}"), maxValue: 1);
            task.MaxValue = Math.Max(1, item.TotalIterations);
            task.Value = item.Iteration;
            var name = ProgressText.Truncate(SafeText.Escape(item.OutputName), 32);
            task.Description = Markup.Escape(item.TotalIterations > 0
                ? $"  {name} it {item.Iteration}/{item.TotalIterations}"
                : $"  {name} starting");
        }
    }
}
