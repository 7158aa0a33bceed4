using Leerrijk.Web.Data;

namespace Leerrijk.UnitTests.Data;

/// <summary>The order in which the app's steady SQLite writers take turns (WriterQueue).</summary>
public sealed class WriterQueueTests
{
    [Fact]
    public async Task A_writer_that_asks_again_at_once_goes_behind_the_one_already_waiting()
    {
        var queue = new WriterQueue(oneWriterAtATime: true);
        var folder = await queue.WaitAsync();
        var batcher = queue.WaitAsync().AsTask();
        Assert.False(batcher.IsCompleted);

        // The folder finishes a batch and asks for the next turn straight away, as it does with a backlog.
        folder.Dispose();
        var folderAgain = queue.WaitAsync().AsTask();

        // Whichever gets the turn first completes first; the other cannot until that turn ends.
        Assert.Same(batcher, await Task.WhenAny(batcher, folderAgain));
        Assert.False(folderAgain.IsCompleted);
        (await batcher).Dispose();
        (await folderAgain).Dispose();
    }

    [Fact]
    public async Task Waiting_writers_get_their_turns_in_the_order_they_asked()
    {
        var queue = new WriterQueue(oneWriterAtATime: true);
        var first = await queue.WaitAsync();
        var waiting = Enumerable.Range(0, 5).Select(_ => queue.WaitAsync().AsTask()).ToArray();

        first.Dispose();
        for (var i = 0; i < waiting.Length; i++)
        {
            // Only the writer holding the turn can complete, so the first to complete is the one whose turn it is.
            Assert.Same(waiting[i], await Task.WhenAny(waiting[i..]));
            Assert.All(waiting[(i + 1)..], t => Assert.False(t.IsCompleted));
            (await waiting[i]).Dispose();
        }
    }

    [Fact]
    public async Task On_PostgreSQL_writers_do_not_wait_for_each_other()
    {
        var queue = new WriterQueue(oneWriterAtATime: false);
        using var first = await queue.WaitAsync();

        var second = queue.WaitAsync();

        Assert.True(second.IsCompletedSuccessfully);
    }
}
