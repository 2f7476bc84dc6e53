import Curriculum
import Solutions
import TensorKit
import WorkerKit

// Mistakes in group normalization. Most are group norm with the wrong groups, which
// the reference computes when handed the channels or the group count those groups
// amount to.

extension MistakeCatalog {
    /// Mistakes of the `groupnorm` exercise.
    public static let groupNorm: [Mistake] = [
        Mistake("groupnorm-groups-across-wrong-axis", title: "groups formed across the wrong axis: channels g, g + G, g + 2G, … together",
                hint: "Your groups have the right size but the wrong members. When you split the C channels into G groups by a reshape, which of the two new axes counts the groups, and which one walks through the channels of one group?",
                handlers: .groupNorm(InterleavedGroupsGroupNorm())),
        Mistake("groupnorm-statistics-per-channel", title: "statistics per channel instead of per group (instance norm)",
                hint: "Your output is normalized channel by channel, whatever the number of groups. Which values share one mean and variance in group norm?",
                handlers: .groupNorm(PerChannelGroupNorm())),
        Mistake("groupnorm-statistics-per-sample", title: "statistics over the whole sample instead of per group (layer norm)",
                hint: "Your output does not change when the number of groups changes. Which axes do a group's statistics reduce over, and which part of the channel axis belongs to one group?",
                handlers: .groupNorm(PerSampleGroupNorm())),
        Mistake("groupnorm-gamma-outside-group-sums", title: "γ pulled out of the group sums in dx",
                hint: "Your dx is right when all of gamma is the same and wrong otherwise. Inside one group, is gamma constant? Then can it move outside the sums over the group?",
                handlers: .groupNorm(GammaOutsideSumsGroupNorm())),
        Mistake("groupnorm-dx-missing-gamma", title: "dx computed from dout where dout·γ belongs",
                hint: "Your dgamma and dbeta are right and your dx is not, unless every gamma is 1. The forward pass multiplies x̂ by gamma: what is the gradient with respect to x̂, then, before it goes back through the normalization?",
                handlers: .groupNorm(MissingGammaGroupNorm())),
        Mistake("groupnorm-groups-read-as-group-size", title: "G read as the channels per group: reshaped to (N, C / G, −1)",
                hint: "Your output is right only when the number of groups squared is the number of channels. G is how many groups the C channels are split into: how many channels does each group hold, and how many groups does your reshape make?",
                handlers: .groupNorm(GroupSizeGroupNorm())),
    ]
}

/// Normalizes channels `g, g + G, g + 2G, …` together, as reshaping the channel axis
/// to `(C/G, G)` and reducing over the first part does. That is the reference's group
/// norm of the same images with their channels dealt into that order, so the
/// reference computes it, and its gradient, on the dealt channels.
struct InterleavedGroupsGroupNorm: GroupNormLayer {
    struct Cache {
        var groupNorm: GroupNorm.Cache
        var groups: Int
    }

    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double) -> (out: Tensor, cache: Cache) {
        let (dealtOut, cache) = GroupNorm().forward(
            deal(x, groups: groups), gamma: deal(gamma, groups: groups), beta: deal(beta, groups: groups),
            groups: groups, eps: eps)
        return (undeal(dealtOut, groups: groups), Cache(groupNorm: cache, groups: groups))
    }

    func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let g = cache.groups
        let (dx, dgamma, dbeta) = GroupNorm().backward(deal(dout, groups: g), cache: cache.groupNorm)
        return (undeal(dx, groups: g), undeal(dgamma, groups: g), undeal(dbeta, groups: g))
    }

    /// Reorders the channels (axis 1 of images, the only axis of a `(C,)` vector) so
    /// that channel `a·G + g` moves to position `g·(C/G) + a`.
    func deal(_ t: Tensor, groups: Int) -> Tensor {
        transposeChannels(t, rows: t.shape[t.rank == 1 ? 0 : 1] / groups)
    }

    /// The inverse of ``deal(_:groups:)``.
    func undeal(_ t: Tensor, groups: Int) -> Tensor { transposeChannels(t, rows: groups) }

    /// Views the channel axis as a `(rows, C / rows)` matrix and transposes it.
    private func transposeChannels(_ t: Tensor, rows: Int) -> Tensor {
        if t.rank == 1 { return t.reshaped(rows, -1).transposed().flattened() }
        let (n, c, h, w) = (t.shape[0], t.shape[1], t.shape[2], t.shape[3])
        return t.reshaped(n, rows, c / rows, h, w).transposed(0, 2, 1, 3, 4).reshaped(t.shape)
    }
}

/// The reference's group norm with another number of groups.
protocol RegroupedGroupNorm: GroupNormLayer where Cache == GroupNorm.Cache {
    /// The number of groups used when `groups` are asked of `channels` channels.
    func regrouped(_ groups: Int, channels: Int) -> Int
}

extension RegroupedGroupNorm {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double) -> (out: Tensor, cache: GroupNorm.Cache) {
        GroupNorm().forward(x, gamma: gamma, beta: beta, groups: regrouped(groups, channels: x.shape[1]), eps: eps)
    }
    func backward(_ dout: Tensor, cache: GroupNorm.Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        GroupNorm().backward(dout, cache: cache)
    }
}

/// Group norm with `G = C`: every channel its own group.
struct PerChannelGroupNorm: RegroupedGroupNorm {
    func regrouped(_ groups: Int, channels: Int) -> Int { channels }
}

/// Group norm with `G = 1`: one group holding the whole sample.
struct PerSampleGroupNorm: RegroupedGroupNorm {
    func regrouped(_ groups: Int, channels: Int) -> Int { 1 }
}

/// Group norm with `C / G` groups of `G` channels: the reshape `(N, C / G, −1)`. It
/// still stops where `G` does not divide `C`, as the reference does.
struct GroupSizeGroupNorm: RegroupedGroupNorm {
    func regrouped(_ groups: Int, channels: Int) -> Int { channels % groups == 0 ? channels / groups : groups }
}

/// A group norm whose forward pass is the reference's.
protocol GroupNormBackwardMistake: GroupNormLayer where Cache == GroupNorm.Cache {}

extension GroupNormBackwardMistake {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double) -> (out: Tensor, cache: GroupNorm.Cache) {
        GroupNorm().forward(x, gamma: gamma, beta: beta, groups: groups, eps: eps)
    }
}

/// `dx = r / M · (M · dout − Σ dout − x̂ · Σ dout · x̂)`, sums over each group: the
/// closed form with `dx̂ = dout`, γ nowhere.
struct MissingGammaGroupNorm: GroupNormBackwardMistake {
    func backward(_ dout: Tensor, cache: GroupNorm.Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        // The reference's backward with γ = 1 computes the bracket with dout in place of
        // dx̂; dgamma and dbeta do not read γ.
        var unscaled = cache
        unscaled.gamma = .ones(cache.gamma.shape)
        return GroupNorm().backward(dout, cache: unscaled)
    }
}

/// `dx = γ · r / M · (M · dout − Σ dout − x̂ · Σ dout · x̂)`, sums over each group: the
/// closed form with `dx̂ = dout` inside the sums and `γ` applied after them.
struct GammaOutsideSumsGroupNorm: GroupNormBackwardMistake {
    func backward(_ dout: Tensor, cache: GroupNorm.Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        let (dx, dgamma, dbeta) = MissingGammaGroupNorm().backward(dout, cache: cache)
        return (cache.gamma * dx, dgamma, dbeta)
    }
}
