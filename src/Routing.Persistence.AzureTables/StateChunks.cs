using Azure.Data.Tables;

namespace Routing.Persistence.AzureTables;

/// <summary>Lays serialised state out over numbered binary properties of one entity, and reads it back.</summary>
/// <remarks>An Azure Table binary property holds at most 64 KiB and an entity at most 1 MiB (keys and
/// property names included). Fifteen 64 KiB chunks (960 KiB) leave room for keys and the other properties.
/// <see cref="CountProperty"/> says how many chunks belong to the state and <see cref="SizeProperty"/> its
/// exact length, so a reader never picks up a stray chunk; writes also replace the whole entity.</remarks>
internal static class StateChunks
{
    public const int MaxChunkBytes = 64 * 1024;
    public const int MaxChunks = 15;
    public const int MaxStateBytes = MaxChunkBytes * MaxChunks;

    public const string ChunkPrefix = "Data";
    public const string CountProperty = "DataCount";
    public const string SizeProperty = "DataSize";

    /// <summary>Stores <paramref name="data"/> in <paramref name="entity"/>; the caller has checked the size.</summary>
    public static void Write(TableEntity entity, ReadOnlyMemory<byte> data)
    {
        var count = (data.Length + MaxChunkBytes - 1) / MaxChunkBytes;
        for (var i = 0; i < count; i++)
        {
            var start = i * MaxChunkBytes;
            entity[ChunkName(i)] = data.Slice(start, Math.Min(MaxChunkBytes, data.Length - start)).ToArray();
        }
        entity[CountProperty] = count;
        entity[SizeProperty] = data.Length;
    }

    /// <summary>The stored bytes, or null for an empty record (a clear that kept the entity).</summary>
    /// <exception cref="InvalidDataException">The entity is not laid out as <see cref="Write"/> lays it out.</exception>
    public static byte[]? Read(TableEntity entity)
    {
        var count = entity.GetInt32(CountProperty)
            ?? throw new InvalidDataException($"the entity has no {CountProperty} property");
        var size = entity.GetInt32(SizeProperty)
            ?? throw new InvalidDataException($"the entity has no {SizeProperty} property");
        if (count == 0)
        {
            return null;
        }
        if (count < 0 || count > MaxChunks || size < 0 || size > count * MaxChunkBytes)
        {
            throw new InvalidDataException($"{CountProperty}={count} and {SizeProperty}={size} are out of range");
        }

        var data = new byte[size];
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            var chunk = entity.GetBinary(ChunkName(i))
                ?? throw new InvalidDataException($"chunk {ChunkName(i)} of {count} is missing");
            if (offset + chunk.Length > size)
            {
                throw new InvalidDataException($"the chunks hold more than {SizeProperty}={size} bytes");
            }
            chunk.CopyTo(data, offset);
            offset += chunk.Length;
        }
        return offset == size
            ? data
            : throw new InvalidDataException($"the chunks hold {offset} bytes, {SizeProperty} says {size}");
    }

    /// <summary>Marks <paramref name="entity"/> as an empty record (state cleared, entity kept).</summary>
    public static void WriteEmpty(TableEntity entity)
    {
        entity[CountProperty] = 0;
        entity[SizeProperty] = 0;
    }

    private static string ChunkName(int index) => ChunkPrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
