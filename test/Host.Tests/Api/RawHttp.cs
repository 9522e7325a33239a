using System.Net.Sockets;
using System.Text;

namespace HotRepos.App.Tests.Api;

/// <summary>Sends bytes HttpClient refuses to produce (a malformed chunked body) and reads the answer until the server closes.</summary>
internal static class RawHttp
{
    public static async Task<string> SendAsync(Uri address, string request, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, cancellationToken);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        await stream.FlushAsync(cancellationToken);

        using var answer = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            answer.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(answer.ToArray());
    }
}
