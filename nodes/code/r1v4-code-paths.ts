/**
 * The paths R1V4 and Thyme code uses: results go to `/mnt/data/temp_processed_images/`. The code
 * tool maps `/mnt/data` to the sandbox's work folder, so those paths work in every sandbox.
 */
export const R1V4_CODE_PATHS = Object.freeze({
  /** The folder the code tool maps to the work folder. */
  dataDir: "/mnt/data",
  /** Where R1V4/Thyme code saves the images it produces. */
  outputDir: "/mnt/data/temp_processed_images",
  /** `outputDir` relative to `dataDir`. */
  outputFolder: "temp_processed_images",
});
