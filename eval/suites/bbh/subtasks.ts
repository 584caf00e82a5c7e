/** The 27 BIG-Bench Hard subtasks, in the order of the original repository's file listing. */
export const BBH_SUBTASKS = [
  'boolean_expressions',
  'causal_judgement',
  'date_understanding',
  'disambiguation_qa',
  'dyck_languages',
  'formal_fallacies',
  'geometric_shapes',
  'hyperbaton',
  'logical_deduction_five_objects',
  'logical_deduction_seven_objects',
  'logical_deduction_three_objects',
  'movie_recommendation',
  'multistep_arithmetic_two',
  'navigate',
  'object_counting',
  'penguins_in_a_table',
  'reasoning_about_colored_objects',
  'ruin_names',
  'salient_translation_error_detection',
  'snarks',
  'sports_understanding',
  'temporal_sequences',
  'tracking_shuffled_objects_five_objects',
  'tracking_shuffled_objects_seven_objects',
  'tracking_shuffled_objects_three_objects',
  'web_of_lies',
  'word_sorting',
] as const;

/** Free-form answers (a value, not an option or a label): exact-match normalizes only whitespace for these. */
export const FREE_FORM_SUBTASKS: readonly string[] = ['dyck_languages', 'word_sorting', 'multistep_arithmetic_two', 'object_counting'];

/**
 * How a sample's answer is compared (sample.metadata.answer_format):
 * `choice` an option letter of the input's "Options:" block, `label` a fixed word (True/False,
 * Yes/No, valid/invalid), `free` a value.
 */
export type AnswerFormat = 'choice' | 'label' | 'free';
