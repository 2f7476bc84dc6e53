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

/// Group norm with `G = C`: every channel its own group.
struct PerChannelGroupNorm: GroupNormLayer {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double) -> (out: Tensor, cache: GroupNorm.Cache) {
        GroupNorm().forward(x, gamma: gamma, beta: beta, groups: x.shape[1], eps: eps)
    }
    func backward(_ dout: Tensor, cache: GroupNorm.Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        GroupNorm().backward(dout, cache: cache)
    }
}

/// Group norm with `G = 1`: one group holding the whole sample.
struct PerSampleGroupNorm: GroupNormLayer {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double) -> (out: Tensor, cache: GroupNorm.Cache) {
        GroupNorm().forward(x, gamma: gamma, beta: beta, groups: 1, eps: eps)
    }
    func backward(_ dout: Tensor, cache: GroupNorm.Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        GroupNorm().backward(dout, cache: cache)
    }
}

/// `dx = γ · r / M · (M · dout − Σ dout − x̂ · Σ dout · x̂)`, sums over each group: the
/// closed form with `dx̂ = dout` inside the sums and `γ` applied after them.
struct GammaOutsideSumsGroupNorm: GroupNormLayer {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double) -> (out: Tensor, cache: GroupNorm.Cache) {
        GroupNorm().forward(x, gamma: gamma, beta: beta, groups: groups, eps: eps)
    }
    func backward(_ dout: Tensor, cache: GroupNorm.Cache) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        // The reference's backward with γ = 1 computes the bracket with dout in place of dx̂.
        var unscaled = cache
        unscaled.gamma = .ones(cache.gamma.shape)
        let (dx, dgamma, dbeta) = GroupNorm().backward(dout, cache: unscaled)
        return (cache.gamma * dx, dgamma, dbeta)
    }
}
