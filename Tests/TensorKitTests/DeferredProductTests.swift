import Foundation
import Dispatch
import Testing
@testable import TensorKit

/// A product big enough to be deferred, and the same product computed at once by the
/// kernel (what `matmul` gave before products were deferred).
private func bigProduct(seed: UInt64 = 1) -> (deferred: Tensor, now: [Double], operands: (Tensor, Tensor)) {
    let (a, b) = randomOperands(130, 97, 101, seed: seed)  // 1.27 M multiply-adds
    #expect(130 * 97 * 101 >= DeferredProduct.work, "not big enough to be deferred")
    let now = Tensor.productNow(.init(left: a, right: b, transposingLeft: false, transposingRight: false,
                                      kernel: .fastest))
    return (a.matmul(b), now, (a, b))
}

@Suite("A big product is computed when its elements are first read")
struct DeferredProductTests {
    @Test("until then its shape and count are known and nothing is computed")
    func nothingComputedUntilRead() throws {
        let (product, _, _) = bigProduct()
        let box = try #require(product.deferred as? DeferredProduct, "a big product is deferred")
        #expect(product.shape == [130, 101] && product.count == 130 * 101 && product.rank == 2)
        let reshaped = product.reshaped(101, 130).flattenedBatch().flattened()
        #expect(reshaped.count == 130 * 101)
        #expect(!box.isComputed, "shape, count and reshaping do not compute the product")
        _ = reshaped[5]
        #expect(box.isComputed, "reading an element computes it, for every copy")
    }

    @Test("what it reads is the product computed at once, bit for bit, however it is read")
    func readsAsTheProductComputedAtOnce() {
        let (product, now, _) = bigProduct()
        #expect(bits(product) == bits(now))
        let (fresh, _, _) = bigProduct()
        #expect(fresh[3, 7] == now[3 * 101 + 7])
        #expect(bigProduct().deferred == Tensor(shape: [130, 101], scalars: now))
        #expect(bits(bigProduct().deferred.reshaped(101, 130)) == bits(now))
        #expect(bits(bigProduct().deferred.transposed()) == bits(Tensor(shape: [130, 101], scalars: now).transposed()))
        #expect(bigProduct().deferred.sum().scalar == Tensor(now).sum().scalar)
    }

    @Test("as an operand of another product it is computed first")
    func operandOfAProduct() {
        let (product, now, _) = bigProduct()
        let (c, _) = randomOperands(101, 40, 1, seed: 2)
        let expected = Tensor(shape: [130, 101], scalars: now).matmul(c)
        #expect(bits(product.matmul(c)) == bits(expected))
        #expect(bits(bigProduct().deferred.transposed().matmul(Tensor.ones([130, 3])))
                == bits(Tensor(shape: [130, 101], scalars: now).transposed().matmul(Tensor.ones([130, 3]))))
    }

    @Test("changing a copy changes neither the other copies nor the operands")
    func valueSemantics() {
        let (product, now, (a, b)) = bigProduct()
        var changed = product
        changed[0, 0] = 42
        changed.setScalar(-1, at: 5)
        #expect(changed[0, 0] == 42 && changed[0, 5] == -1 && changed[0, 1] == now[1])
        #expect(bits(product) == bits(now), "the copy it was made from is unchanged")
        var added = bigProduct().deferred
        added += 1
        #expect(added.scalars == now.map { $0 + 1 })
        #expect(a == bigProduct().operands.0 && b == bigProduct().operands.1)
    }

    @Test("threads that read it at once all get the same elements")
    func readFromManyThreads() {
        let (product, now, _) = bigProduct()
        let reads = concurrentResults(threads: 8) { _ in bits(product) }
        #expect(reads.allSatisfy { $0 == bits(now) })
    }

    @Test("a small product is computed at once")
    func smallProductsAreNotDeferred() {
        let (a, b) = randomOperands(50, 50, 50)
        #expect(a.matmul(b).deferred == nil)
    }
}
