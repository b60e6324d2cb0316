using System.Runtime.InteropServices;
using StyleTransfer.Cli;

// Ctrl+C / SIGTERM cancel the job (the CLI asks the cluster to cancel it and exits 130); a second Ctrl+C quits at once.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (cancellation.IsCancellationRequested) return;
    e.Cancel = true;
    Console.Error.WriteLine("Cancelling the job... (Ctrl+C again to quit at once)");
    cancellation.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});
return await CliApp.RunAsync(args, cancellationToken: cancellation.Token);
