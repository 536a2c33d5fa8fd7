using System.Security.Cryptography;

namespace Fengqiao.Data.Attachments;

/// <summary>Where attachment bytes are kept, outside the database rows.</summary>
public interface IFileStore
{
    /// <summary>Stores the content and returns its SHA-256 (hex), which is also its key: the same file stored twice is kept once.</summary>
    Task<string> SaveAsync(Stream content, CancellationToken cancellationToken = default);

    Stream? OpenRead(string sha256);
}

/// <summary>
/// A content-addressed folder (Attachments:Root). With several web nodes it must be shared storage (a mounted
/// volume); a store backed by object storage would implement the same interface.
/// </summary>
public sealed class LocalFileStore(string root) : IFileStore
{
    public async Task<string> SaveAsync(Stream content, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(root);
        var temp = Path.Combine(root, $".upload-{Guid.NewGuid():N}");
        string hash;
        await using (var file = File.Create(temp))
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        }
        var final = PathOf(hash);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        if (File.Exists(final))
        {
            File.Delete(temp);
        }
        else
        {
            // Rename is atomic on one file system: a reader never sees half a file.
            File.Move(temp, final);
        }
        return hash;
    }

    public Stream? OpenRead(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
        {
            return null;
        }
        var path = PathOf(sha256);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    private string PathOf(string hash) => Path.Combine(root, hash[..2], hash[2..4], hash);
}
