using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Leerrijk.Web.Infrastructure.Security;

/// <summary>Size limits for request bodies; a request over them gets 413 with a plain explanation.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "RequestLimits";

    /// <summary>Largest request body in bytes. Forms and survey answers are far smaller; 1 MB leaves room for long comments.</summary>
    public long MaxBodyBytes { get; set; } = 1_000_000;
}

/// <summary>
/// Turns an oversized or malformed request into a status code the error pages explain (413, 400),
/// instead of the 500 an unhandled <see cref="BadHttpRequestException"/> would become.
/// </summary>
/// <remarks>
/// A body without a Content-Length is counted as it is read. Readers such as antiforgery catch the overflow and
/// answer 400, so the overflow is remembered and the answer corrected to 413 on the way out.
/// </remarks>
public sealed class RequestLimitMiddleware(RequestDelegate next, RequestLimitOptions options)
{
    /// <summary>
    /// Set in <see cref="HttpContext.Items"/> when a form was refused (400) because it holds a character that cannot be
    /// decoded or stored, such as an encoded NUL (<c>%00</c>), so the error page can say that instead of a general 400.
    /// </summary>
    public static readonly object UnstorableCharacterKey = new();

    public async Task InvokeAsync(HttpContext context)
    {
        // The error page is re-executed with the original request; it must not be refused again.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > options.MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var counted = context.Request.ContentLength is null && context.Request.Body != Stream.Null
            ? new CountingStream(context.Request.Body, options.MaxBodyBytes)
            : null;
        if (counted is not null)
        {
            context.Request.Body = counted;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = options.MaxBodyBytes;
        }

        try
        {
            if (context.Request.HasFormContentType)
            {
                // Read the form here, where its faults can be told apart. Antiforgery reads it later, and would call
                // any fault (an encoded NUL, too many fields) a missing token: "the page was open too long".
                await context.Request.ReadFormAsync(context.RequestAborted);
            }

            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = ex.StatusCode;
        }
        catch (InvalidDataException ex) when (!context.Response.HasStarted && ex.InnerException is InvalidOperationException)
        {
            // The form reader's "the form value contains invalid characters": a percent-encoded byte that cannot be
            // text, of which a NUL is the one people (and fuzzers) send.
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Items[UnstorableCharacterKey] = true;
        }
        catch (InvalidDataException) when (!context.Response.HasStarted)
        {
            // Form reading throws this for too many fields or an oversized value (FormOptions limits).
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }

        if (counted is { Exceeded: true } && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        }
    }

    /// <summary>Passes a body through and stops it at the limit, remembering that it did.</summary>
    private sealed class CountingStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public bool Exceeded { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(Guard(() => inner.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return Count(await inner.ReadAsync(buffer, cancellationToken));
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                Exceeded = true;
                throw;
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
            {
                Exceeded = true;
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }

            return read;
        }

        private int Guard(Func<int> read)
        {
            try
            {
                return read();
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                Exceeded = true;
                throw;
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
