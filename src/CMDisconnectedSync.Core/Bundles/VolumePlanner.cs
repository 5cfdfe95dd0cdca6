namespace CMDisconnectedSync.Bundles;

/// <summary>Where one file's bytes go: whole into a volume, or as consecutive parts across volumes.</summary>
internal sealed record FilePlacement(int Volume, IReadOnlyList<(int Volume, long Size)>? Parts);

/// <summary>
/// Fills volumes in order (metadata first, then content by path). A file that does not fit in what is left of
/// the current volume starts the next one; a file larger than a whole volume fills the rest of the current one
/// and continues in parts. Volume 1 keeps room for the manifest and signature.
/// </summary>
internal static class VolumePlanner
{
    public static (IReadOnlyList<FilePlacement> Placements, int VolumeCount) Plan(IReadOnlyList<long> sizes, long? maxVolumeSize)
    {
        if (maxVolumeSize is null)
        {
            return (sizes.Select(_ => new FilePlacement(0, null)).ToList(), 0);
        }

        var capacity = maxVolumeSize.Value;
        var reserve = BundleLayout.ManifestReserveBase + (BundleLayout.ManifestReservePerEntry * sizes.Count);
        if (capacity <= reserve)
        {
            throw new ArgumentOutOfRangeException(nameof(maxVolumeSize),
                $"A volume of {VolumeSize.Format(capacity)} cannot hold the manifest of {sizes.Count} files (about {VolumeSize.Format(reserve)}); choose a larger --max-volume-size.");
        }

        var volume = 1;
        var free = capacity - reserve;
        var placements = new List<FilePlacement>(sizes.Count);
        foreach (var size in sizes)
        {
            if (size <= free)
            {
                placements.Add(new FilePlacement(volume, null));
                free -= size;
                continue;
            }

            if (size <= capacity)
            {
                volume++;
                free = capacity - size;
                placements.Add(new FilePlacement(volume, null));
                continue;
            }

            var parts = new List<(int, long)>();
            var remaining = size;
            if (free == 0)
            {
                volume++;
                free = capacity;
            }

            while (remaining > 0)
            {
                var take = Math.Min(free, remaining);
                parts.Add((volume, take));
                remaining -= take;
                free -= take;
                if (remaining > 0)
                {
                    volume++;
                    free = capacity;
                }
            }

            placements.Add(new FilePlacement(0, parts));
        }

        return (placements, volume);
    }
}
