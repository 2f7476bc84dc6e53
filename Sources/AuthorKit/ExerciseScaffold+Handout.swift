// The handout of a scaffolded exercise: the sections every handout in assignments/ has,
// with AUTHOR-TODO where the author writes.

extension ExerciseScaffold {
    /// The handout's number, as its heading shows it (`11`).
    private var number: Int { Int(folder.prefix { $0.isNumber }) ?? 0 }

    /// `assignments/<NN-name>/README.md`.
    var handoutSource: String {
        let todo = ExerciseScaffold.authorTODO, name = names.name, type = names.typeName
        return """
            # \(number) · \(names.title)

            **You write:** `forward` and `backward` of `\(type)` in `Sources/Exercises/\(type).swift`.
            **You check:** `swift run grader check \(name)`.
            **Answers go in:** `assignments/\(folder)/answers.md`.

            ## Why this layer

            \(todo): what the layer is for, what problem it solves, where it sits in a network.

            ## The forward pass

            \(todo): the formula, with the shapes of every quantity.

            ```
            out = f(x)          out has x's shape
            ```

            ## The backward pass

            \(todo): the derivation, step by step, ending in `dx` with its shape.

            ## What to implement

            In `Sources/Exercises/\(type).swift`:

            1. **`Cache`**: \(todo): what the backward pass needs from the forward pass.
            2. **`forward(_:)`**: \(todo).
            3. **`backward(_:cache:)`**: \(todo).

            ## How to check it

            ```sh
            swift run grader check \(name)
            ```

            The forward and backward passes are compared with reference values, and the
            backward pass with a numeric gradient of your own forward pass. \(todo): the
            relative errors a correct implementation reaches.

            ## Common pitfalls

            - \(todo): a mistake students make, and how it shows in the grader's report.

            ## Questions

            Answer in `answers.md`.

            1. \(todo): a question that takes understanding, not recall.

            """
    }

    /// `assignments/<NN-name>/answers.md`: where students answer the handout's questions.
    var answersSource: String {
        """
        # \(number) · \(names.title) — answers

        Write your answers under each question.

        ## 1. \(ExerciseScaffold.authorTODO): the question's title

        _Your answer:_

        """
    }
}
