using Orleans.Storage;

namespace StyleTransfer.Grains;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state; on an ETag conflict, takes the stored ETag and writes again. Each job and page grain is the
    /// only writer of its state, so a conflict means an earlier write reached storage while its answer was lost
    /// (storage went away mid-request): the activation's state is the newest and wins.
    /// </summary>
    public static async Task WriteStateWithRecoveryAsync<T>(this IPersistentState<T> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            var ours = state.State;
            await state.ReadStateAsync();
            state.State = ours;
            await state.WriteStateAsync();
        }
    }
}
