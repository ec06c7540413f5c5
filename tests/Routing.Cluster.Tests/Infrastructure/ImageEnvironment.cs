namespace Routing.Cluster.Tests.Infrastructure;

/// <summary>The container image's environment variables, from deploy/image/image-env.txt (the list the image build
/// script applies and the Dockerfile repeats).</summary>
internal static class ImageEnvironment
{
    public static IReadOnlyDictionary<string, string> Read()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "deploy", "image", "image-env.txt"));
        return lines
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
    }
}
